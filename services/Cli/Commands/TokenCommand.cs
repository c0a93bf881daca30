using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Tokens;

namespace Ogi.Cli.Commands;

/// <summary>
/// `ogi token`: a development token signed with the key the services check (OGI_Auth__DevelopmentKey, or the
/// well-known development key `make run` uses). Production deployments take tokens from their identity provider.
/// </summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var person = new Option<string?>("--person") { Description = "Staff member's person id" };
        var agency = new Option<string?>("--agency") { Description = "Agency (unified social credit code) the staff member or county system acts for" };
        var roles = new Option<string[]>("--role")
        {
            Description = "Staff role (repeatable): clerk, office-head, reviewer, approving-leader, coordinator, assessor, supervisor, competent-department-admin, general-office",
            AllowMultipleArgumentsPerToken = true,
        };
        var platform = new Option<string?>("--platform") { Description = "Client id of a provincial platform (acts for applicants)" };
        var county = new Option<string?>("--county") { Description = "Client id of a county system (reads decisions); needs --agency" };
        var service = new Option<string?>("--service") { Description = "Name of one of the platform's services" };
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours", DefaultValueFactory = _ => 8 };
        var command = new Command("token", "Mint a development access token") { person, agency, roles, platform, county, service, hours };
        command.SetAction(parse =>
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables("OGI_").Build();
            var tokens = DevelopmentTokens.FromConfiguration(configuration, "Development");
            parse.InvocationConfiguration.Output.WriteLine(Mint(tokens, parse.GetValue(person), parse.GetValue(agency), parse.GetValue(roles) ?? [], parse.GetValue(platform),
                parse.GetValue(county), parse.GetValue(service), TimeSpan.FromHours(parse.GetValue(hours))));
        });
        return command;
    }

    public static string Mint(DevelopmentTokens tokens, string? person, string? agency, IReadOnlyCollection<string> roles, string? platform, string? county,
        string? service, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(roles);
        if (platform is not null)
        {
            return tokens.MintProvincialPlatform(platform, lifetime);
        }

        if (service is not null)
        {
            return tokens.MintPlatformService(service, lifetime);
        }

        if (county is not null)
        {
            return tokens.MintCountySystem(county, agency ?? throw new CliException("--county needs --agency"), lifetime);
        }

        if (person is null || agency is null || roles.Count == 0)
        {
            throw new CliException("give --person, --agency and at least one --role; or --platform, --county with --agency, or --service");
        }

        var parsed = roles.Select(r => OgiClaims.ParseRole(r) ?? throw new CliException($"unknown role '{r}'")).ToList();
        return tokens.Mint(person, agency, parsed, lifetime);
    }
}
