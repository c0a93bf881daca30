using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Tokens;
using Ogi.BuildingBlocks.Testing;

namespace Ogi.Identity.Tests;

public sealed class TokenTests
{
    private const string Key = "a-test-signing-key-of-more-than-32-bytes";
    private static readonly AuthSettings Settings = new() { Issuer = "ogi-test", Audience = "ogi-platform", DevelopmentKey = Key };

    private static DevelopmentTokens Tokens(string issuer = "ogi-test", string audience = "ogi-platform", string key = Key, TimeProvider? time = null) =>
        new(issuer, audience, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), time);

    private static AccessTokenValidator Validator(AuthSettings? settings = null) => new(settings ?? Settings, "Production");

    [Fact]
    public async Task A_staff_token_yields_the_person_agency_and_roles()
    {
        var token = Tokens().Mint("p-1001", SampleAgencies.XijiHousing, [StaffRole.Clerk, StaffRole.OfficeHead]);
        var check = await Validator().ValidateAsync(token);
        Assert.Null(check.Failure);
        Assert.Equal("p-1001", check.Principal!.Id);
        Assert.Equal(PrincipalKind.Staff, check.Principal.Kind);
        Assert.Equal(SampleAgencies.XijiHousing, check.Principal.AgencyCode);
        Assert.True(check.Principal.HasRole(StaffRole.OfficeHead));
        Assert.False(check.Principal.HasRole(StaffRole.Reviewer));
    }

    [Fact]
    public async Task Every_staff_role_round_trips_through_its_claim_name()
    {
        var all = Enum.GetValues<StaffRole>();
        var check = await Validator().ValidateAsync(Tokens().Mint("p-1002", SampleAgencies.XijiGeneralOffice, all));
        Assert.Equal(all.ToHashSet(), check.Principal!.Roles.ToHashSet());
        // SR-8: membership of the general office (办公室/综合科) travels as its own role.
        Assert.Equal("general-office", OgiClaims.Name(StaffRole.GeneralOffice));
        Assert.Equal(StaffRole.GeneralOffice, OgiClaims.ParseRole("general-office"));
    }

    [Fact]
    public async Task System_tokens_round_trip_for_platforms_county_systems_and_services()
    {
        var tokens = Tokens();
        var platform = (await Validator().ValidateAsync(tokens.MintProvincialPlatform("nx-portal"))).Principal!;
        var county = (await Validator().ValidateAsync(tokens.MintCountySystem("xiji-oa", SampleAgencies.Xiji))).Principal!;
        var service = (await Validator().ValidateAsync(tokens.MintPlatformService("intake"))).Principal!;
        Assert.Equal((PrincipalKind.ProvincialPlatform, "nx-portal", (string?)null), (platform.Kind, platform.Id, platform.AgencyCode));
        Assert.Equal((PrincipalKind.CountySystem, "xiji-oa", SampleAgencies.Xiji), (county.Kind, county.Id, county.AgencyCode));
        Assert.Equal((PrincipalKind.PlatformService, "intake"), (service.Kind, service.Id));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var issuedTwoHoursAgo = Tokens(time: new FixedTime(DateTimeOffset.UtcNow.AddHours(-2)));
        var check = await Validator().ValidateAsync(issuedTwoHoursAgo.Mint("p-1", SampleAgencies.Xiji, [StaffRole.Clerk], TimeSpan.FromHours(1)));
        Assert.Null(check.Principal);
        Assert.Equal("token has expired", check.Failure);
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_still_passes_and_beyond_it_does_not()
    {
        var justExpired = Tokens(time: new FixedTime(DateTimeOffset.UtcNow.AddMinutes(-10).AddSeconds(-10))).Mint("p-1", SampleAgencies.Xiji, [StaffRole.Clerk], TimeSpan.FromMinutes(10));
        var longExpired = Tokens(time: new FixedTime(DateTimeOffset.UtcNow.AddMinutes(-11))).Mint("p-1", SampleAgencies.Xiji, [StaffRole.Clerk], TimeSpan.FromMinutes(10));
        Assert.NotNull((await Validator().ValidateAsync(justExpired)).Principal);
        Assert.Equal("token has expired", (await Validator().ValidateAsync(longExpired)).Failure);
    }

    [Fact]
    public async Task A_token_accepted_once_is_refused_by_the_same_validator_once_it_has_expired()
    {
        var validator = Validator(new AuthSettings { Issuer = "ogi-test", Audience = "ogi-platform", DevelopmentKey = Key, ClockSkewSeconds = 0 });
        var token = Tokens().Mint("p-1", SampleAgencies.Xiji, [StaffRole.Clerk], TimeSpan.FromSeconds(1));
        Assert.Equal("p-1", (await validator.ValidateAsync(token)).Principal!.Id);
        Assert.Equal("p-1", (await validator.ValidateAsync(token)).Principal!.Id);

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.Equal("token has expired", (await validator.ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        var check = await Validator().ValidateAsync(Tokens(issuer: "someone-else").Mint("p-1", SampleAgencies.Xiji, [StaffRole.Clerk]));
        Assert.Equal("token issuer is not trusted", check.Failure);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var check = await Validator().ValidateAsync(Tokens(audience: "another-system").Mint("p-1", SampleAgencies.Xiji, [StaffRole.Clerk]));
        Assert.Equal("token audience is not this platform", check.Failure);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var check = await Validator().ValidateAsync(Tokens(key: "an-attackers-key-that-is-also-32-bytes-long").Mint("p-1", SampleAgencies.Xiji, [StaffRole.Clerk]));
        Assert.StartsWith("token signature is invalid", check.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_whose_claims_were_edited_after_signing_is_refused()
    {
        var parts = Tokens().Mint("p-1", SampleAgencies.Xiji, [StaffRole.Clerk]).Split('.');
        var claims = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"clerk\"", "\"supervisor\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(claims)}.{parts[2]}";
        Assert.StartsWith("token signature is invalid", (await Validator().ValidateAsync(forged)).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "ogi-test",
            Audience = "ogi-platform",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = OgiClaims.ToClaims(Principal.PlatformService("intake")),
        });
        Assert.Null((await Validator().ValidateAsync(unsigned)).Principal);
    }

    [Theory]
    [InlineData(null, "no bearer token (send 'authorization: Bearer <token>')")]
    [InlineData("not-a-jwt", "token is malformed")]
    public async Task A_missing_or_malformed_token_is_refused(string? token, string failure) =>
        Assert.Equal(failure, (await Validator().ValidateAsync(token)).Failure);

    [Fact]
    public async Task A_token_without_a_known_principal_kind_is_refused()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "ogi-test",
            Audience = "ogi-platform",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "p-1", ["ogi_kind"] = "applicant" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)), SecurityAlgorithms.HmacSha256),
        });
        Assert.Equal("token claim 'ogi_kind' is missing or unknown ('applicant')", (await Validator().ValidateAsync(token)).Failure);
    }

    [Fact]
    public void The_well_known_development_key_is_used_only_in_Development()
    {
        var unset = new AuthSettings();
        Assert.Equal(Encoding.UTF8.GetBytes(AuthSettings.WellKnownDevelopmentKey), unset.DevelopmentSigningKey("Development").Key);
        var error = Assert.Throws<InvalidOperationException>(() => unset.DevelopmentSigningKey("Production"));
        Assert.Contains("OGI_Auth__DevelopmentKey", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new AuthSettings { DevelopmentKey = "short" }.DevelopmentSigningKey("Development"));
    }

    [Fact]
    public async Task Tokens_minted_from_configuration_pass_a_validator_built_from_the_same_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "ogi-local",
            ["Auth:Audience"] = "ogi-platform",
            ["Auth:DevelopmentKey"] = Key,
        }).Build();
        var token = DevelopmentTokens.FromConfiguration(configuration, "Production").Mint("p-7", SampleAgencies.Longde, [StaffRole.Reviewer]);
        var check = await new AccessTokenValidator(AuthSettings.From(configuration), "Production").ValidateAsync(token);
        Assert.Equal("p-7", check.Principal?.Id);
        Assert.Equal("token issuer is not trusted", (await Validator().ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task With_an_OIDC_authority_keys_come_from_its_JWKS_and_its_issuer()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "authority-key-1" };
        await using var authority = await StartAuthorityAsync(key);
        var validator = Validator(new AuthSettings { Authority = authority.Url, Audience = "ogi-platform" });

        var signedByAuthority = new DevelopmentTokens(authority.Url, "ogi-platform", key).Mint(Principal.Staff("p-9", SampleAgencies.Xiji, StaffRole.Supervisor));
        var check = await validator.ValidateAsync(signedByAuthority);
        Assert.Null(check.Failure);
        Assert.Equal("p-9", check.Principal!.Id);

        using var other = RSA.Create(2048);
        var signedElsewhere = new DevelopmentTokens(authority.Url, "ogi-platform", new RsaSecurityKey(other) { KeyId = "authority-key-1" }).Mint(Principal.PlatformService("intake"));
        Assert.StartsWith("token signature is invalid", (await validator.ValidateAsync(signedElsewhere)).Failure, StringComparison.Ordinal);
        var devToken = Tokens(issuer: authority.Url).MintPlatformService("intake");
        Assert.NotNull((await validator.ValidateAsync(devToken)).Failure);
    }

    [Fact]
    public async Task An_unreachable_authority_is_reported_as_unavailable_not_as_a_bad_token()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there any more
        var validator = Validator(new AuthSettings { Authority = $"http://127.0.0.1:{port}", Audience = "ogi-platform" });
        await Assert.ThrowsAsync<AuthorityUnavailableException>(() => validator.ValidateAsync(Tokens().MintPlatformService("intake")));
    }

    /// <summary>A real HTTP OIDC authority on loopback serving discovery metadata and a JWKS.</summary>
    private static async Task<Authority> StartAuthorityAsync(RsaSecurityKey key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        var jwks = $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{jwk.Kid}}","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
        string? baseUrl = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(
            $$"""{"issuer":"{{baseUrl}}","jwks_uri":"{{baseUrl}}/jwks","authorization_endpoint":"{{baseUrl}}/authorize","id_token_signing_alg_values_supported":["RS256"]}""",
            "application/json"));
        app.MapGet("/jwks", () => Results.Text(jwks, "application/json"));
        await app.StartAsync();
        baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Authority(app, baseUrl);
    }

    private sealed record Authority(WebApplication App, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
