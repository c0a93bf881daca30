using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Ogi.BuildingBlocks.Identity.Principals;

namespace Ogi.BuildingBlocks.Identity.Tokens;

/// <summary>The outcome of checking a bearer token: the principal, or why it was refused (safe to send to the caller).</summary>
public sealed record TokenCheck(Principal? Principal, string? Failure)
{
    public static TokenCheck Refused(string failure) => new(null, failure);
}

/// <summary>The OIDC authority's metadata or keys cannot be fetched: the caller should retry (gRPC UNAVAILABLE), not re-authenticate.</summary>
public sealed class AuthorityUnavailableException(Exception inner)
    : Exception("the identity provider's signing keys cannot be fetched; retry later", inner);

/// <summary>
/// Validates bearer tokens: signature, issuer, audience, lifetime (small clock skew), then the claims layout of
/// <see cref="OgiClaims"/>. Keys come from the OIDC authority's JWKS (refreshed on an unknown key id) or from the
/// development key. Uses JsonWebTokenHandler directly: the gRPC runtime is ours, not ASP.NET Core's auth middleware.
/// </summary>
public sealed class AccessTokenValidator
{
    /// <summary>Accepted tokens remembered at most; a flood of distinct tokens empties the memory rather than growing it.</summary>
    private const int RememberedTokens = 10_000;

    // Checking a signature and the claims costs more than a small command's own work, and a caller sends the same token
    // on every call for its whole lifetime: a token once accepted is accepted again, without the check, until it expires.
    private readonly ConcurrentDictionary<string, (Principal Principal, DateTime ExpiresUtc)> _accepted = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _authority;
    private readonly bool _issuerFromAuthority;

    public AccessTokenValidator(AuthSettings settings, string environmentName, ILogger<AccessTokenValidator>? logger = null)
    {
        _parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = settings.EffectiveIssuer,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(settings.ClockSkewSeconds),
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            NameClaimType = OgiClaims.Subject,
        };

        if (!string.IsNullOrWhiteSpace(settings.Authority))
        {
            var authority = new Uri(settings.Authority.TrimEnd('/') + "/");
            _authority = new ConfigurationManager<OpenIdConnectConfiguration>(
                new Uri(authority, ".well-known/openid-configuration").ToString(),
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = !authority.IsLoopback });
            _issuerFromAuthority = string.IsNullOrWhiteSpace(settings.Issuer);
            _parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];
            logger?.LogInformation("Auth: signing keys from OIDC authority {Authority}", authority);
        }
        else
        {
            _parameters.IssuerSigningKey = settings.DevelopmentSigningKey(environmentName, logger);
            _parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            logger?.LogInformation("Auth: tokens checked with the development signing key (issuer {Issuer}, audience {Audience})",
                settings.EffectiveIssuer, settings.Audience);
        }
    }

    public async Task<TokenCheck> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenCheck.Refused("no bearer token (send 'authorization: Bearer <token>')");
        }

        if (_accepted.TryGetValue(token, out var accepted))
        {
            if (DateTime.UtcNow <= accepted.ExpiresUtc)
            {
                return new TokenCheck(accepted.Principal, null);
            }

            _accepted.TryRemove(token, out _);
        }

        var result = await _handler.ValidateTokenAsync(token, await ParametersAsync(cancellationToken));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && _authority is not null)
        {
            // The authority may have rotated its keys since the metadata was cached.
            _authority.RequestRefresh();
            result = await _handler.ValidateTokenAsync(token, await ParametersAsync(cancellationToken));
        }

        if (!result.IsValid)
        {
            return TokenCheck.Refused(Describe(result.Exception));
        }

        var (principal, problem) = OgiClaims.FromClaims(result.ClaimsIdentity);
        if (principal is null)
        {
            return TokenCheck.Refused(problem!);
        }

        if (_accepted.Count >= RememberedTokens)
        {
            _accepted.Clear();
        }

        // The same end the handler enforces: the expiry plus the allowed clock skew.
        _accepted[token] = (principal, result.SecurityToken.ValidTo + _parameters.ClockSkew);
        return new TokenCheck(principal, null);
    }

    private async Task<TokenValidationParameters> ParametersAsync(CancellationToken cancellationToken)
    {
        if (_authority is null)
        {
            return _parameters;
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _authority.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new AuthorityUnavailableException(e);
        }

        var parameters = _parameters.Clone();
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        if (_issuerFromAuthority)
        {
            parameters.ValidIssuer = configuration.Issuer;
        }

        return parameters;
    }

    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "token has expired",
        SecurityTokenNotYetValidException => "token is not valid yet",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidIssuerException => "token issuer is not trusted",
        SecurityTokenInvalidAudienceException => "token audience is not this platform",
        SecurityTokenSignatureKeyNotFoundException => "token signature is invalid (unknown signing key)",
        SecurityTokenInvalidSignatureException => "token signature is invalid",
        SecurityTokenInvalidAlgorithmException => "token signing algorithm is not accepted",
        SecurityTokenMalformedException or ArgumentException => "token is malformed",
        _ => "token is invalid",
    };
}
