using Microsoft.Extensions.Configuration;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Tokens;

namespace Ogi.Platform;

/// <summary>
/// `token`: mints a development token with the same Auth settings the services read (OGI_Auth__*; by
/// default the well-known development key that `make run` uses).
/// </summary>
internal static class TokenCommand
{
    public const string Usage = """
        Ogi.Platform token --person ID --agency CODE --role ROLE [--role ROLE …] [--hours N]
        Ogi.Platform token --platform CLIENT_ID | --county CLIENT_ID --agency CODE | --service NAME
        roles: clerk, office-head, reviewer, approving-leader, coordinator, assessor, supervisor, competent-department-admin
        """;

    public static int Run(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables(OgiHost.EnvironmentPrefix).Build();
        var tokens = DevelopmentTokens.FromConfiguration(configuration, "Development");
        var lifetime = TimeSpan.FromHours(double.Parse(Option("--hours") ?? "8", System.Globalization.CultureInfo.InvariantCulture));

        if (Option("--platform") is { } platform)
        {
            Console.WriteLine(tokens.MintProvincialPlatform(platform, lifetime));
            return 0;
        }

        if (Option("--service") is { } service)
        {
            Console.WriteLine(tokens.MintPlatformService(service, lifetime));
            return 0;
        }

        var agency = Option("--agency");
        if (Option("--county") is { } county && agency is not null)
        {
            Console.WriteLine(tokens.MintCountySystem(county, agency, lifetime));
            return 0;
        }

        var roles = args.Select((a, i) => (a, i)).Where(p => p.a == "--role" && p.i + 1 < args.Length).Select(p => OgiClaims.ParseRole(args[p.i + 1])).ToList();
        if (Option("--person") is not { } person || agency is null || roles.Count == 0 || roles.Any(r => r is null))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        Console.WriteLine(tokens.Mint(person, agency, roles.Select(r => r!.Value), lifetime));
        return 0;
    }
}
