using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Ogi.BuildingBlocks.Identity.Tokens;

/// <summary>
/// Configuration section "Auth" (environment: OGI_Auth__Issuer, OGI_Auth__Audience, OGI_Auth__Authority,
/// OGI_Auth__DevelopmentKey, OGI_Auth__ClockSkewSeconds).
/// Production sets <see cref="Authority"/> (an OIDC authority whose metadata and JWKS give the signing keys);
/// locally a <see cref="DevelopmentKey"/> signs and checks HS256 tokens.
/// </summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";

    /// <summary>Used only when the environment is Development and no key is configured; logged as a warning.</summary>
    public const string WellKnownDevelopmentKey = "ogi-well-known-development-signing-key-never-use-in-production";

    public const string DefaultIssuer = "ogi-development";
    public const string DefaultAudience = "ogi-platform";

    /// <summary>Expected <c>iss</c>. With an authority and no issuer set, the authority's metadata names it.</summary>
    public string? Issuer { get; set; }

    public string Audience { get; set; } = DefaultAudience;

    /// <summary>OIDC authority (https://…; http only on loopback). Its /.well-known/openid-configuration gives the JWKS.</summary>
    public string? Authority { get; set; }

    /// <summary>Symmetric HS256 key, at least 32 characters.</summary>
    public string? DevelopmentKey { get; set; }

    /// <summary>Tolerated clock difference for exp/nbf; small on purpose.</summary>
    public double ClockSkewSeconds { get; set; } = 30;

    public static AuthSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AuthSettings>() ?? new AuthSettings();

    public string EffectiveIssuer => string.IsNullOrWhiteSpace(Issuer) ? DefaultIssuer : Issuer;

    /// <summary>
    /// The development signing key: the configured one, or the well-known default when the environment is
    /// Development (logged, so nobody mistakes it for a secret). Anything else without a key is a configuration error.
    /// </summary>
    public SymmetricSecurityKey DevelopmentSigningKey(string environmentName, ILogger? logger = null)
    {
        var key = DevelopmentKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            if (!string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Neither Auth:Authority nor Auth:DevelopmentKey (OGI_Auth__DevelopmentKey) is set, and the environment is '{environmentName}', not Development.");
            }

            logger?.LogWarning("Auth: using the WELL-KNOWN development signing key (environment Development, Auth:DevelopmentKey unset); tokens are forgeable by anyone");
            key = WellKnownDevelopmentKey;
        }

        var bytes = Encoding.UTF8.GetBytes(key);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:DevelopmentKey must be at least 32 bytes (HS256).");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = "ogi-development" };
    }
}
