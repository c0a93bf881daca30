using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ogi.BuildingBlocks.Identity.Principals;

namespace Ogi.BuildingBlocks.Identity.Tokens;

/// <summary>
/// Mints access tokens with the development key (HS256; an RSA key signs RS256, as a stand-in authority in tests), for <c>make run</c>, the CLI's <c>token</c> command and tests.
/// A host configured with the same Auth:Issuer, Auth:Audience and Auth:DevelopmentKey accepts them.
/// </summary>
public sealed class DevelopmentTokens(string issuer, string audience, SecurityKey signingKey, TimeProvider? time = null)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>From configuration section "Auth", as a host reads it (well-known key only in Development).</summary>
    public static DevelopmentTokens FromConfiguration(IConfiguration configuration, string environmentName, TimeProvider? time = null)
    {
        var settings = AuthSettings.From(configuration);
        return new DevelopmentTokens(settings.EffectiveIssuer, settings.Audience, settings.DevelopmentSigningKey(environmentName), time);
    }

    public string Mint(Principal principal, TimeSpan? lifetime = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? DefaultLifetime),
            Claims = OgiClaims.ToClaims(principal),
            SigningCredentials = new SigningCredentials(signingKey, signingKey is SymmetricSecurityKey ? SecurityAlgorithms.HmacSha256 : SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A staff member's token: person id, the agency they act for, their roles.</summary>
    public string Mint(string personId, string agencyCode, IEnumerable<StaffRole> roles, TimeSpan? lifetime = null) =>
        Mint(new Principal(personId, PrincipalKind.Staff, agencyCode, roles), lifetime);

    public string MintProvincialPlatform(string clientId, TimeSpan? lifetime = null) =>
        Mint(Principal.ProvincialPlatform(clientId), lifetime);

    public string MintCountySystem(string clientId, string agencyCode, TimeSpan? lifetime = null) =>
        Mint(Principal.CountySystem(clientId, agencyCode), lifetime);

    public string MintPlatformService(string serviceName, TimeSpan? lifetime = null) =>
        Mint(Principal.PlatformService(serviceName), lifetime);
}
