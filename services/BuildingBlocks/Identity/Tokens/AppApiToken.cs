using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ogi.BuildingBlocks.Identity.Tokens;

/// <summary>
/// How the sidecar proves itself when it calls the app's <c>dapr.proto.runtime.v1.AppCallback</c>: Dapr's app API
/// token, sent in the <c>dapr-api-token</c> header (Dapr's APP_API_TOKEN). Without a sidecar, the direct delivery
/// sends the same header, so both modes pass the same check. Configured by <c>Auth:AppApiToken</c> or APP_API_TOKEN;
/// in Development a well-known token (logged) stands in; elsewhere, unset means every AppCallback call is refused.
/// </summary>
public sealed class AppApiToken
{
    public const string Header = "dapr-api-token";
    public const string AppCallbackService = "dapr.proto.runtime.v1.AppCallback";
    public const string WellKnownDevelopmentToken = "ogi-well-known-development-app-api-token";

    private readonly byte[]? _expected;

    private AppApiToken(string? value)
    {
        Value = value;
        _expected = value is null ? null : Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The token to present and expect; null when none is configured (AppCallback then admits nobody).</summary>
    public string? Value { get; }

    public static AppApiToken From(IConfiguration configuration, string environmentName, ILogger? logger = null)
    {
        var configured = configuration["Auth:AppApiToken"] ?? Environment.GetEnvironmentVariable("APP_API_TOKEN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AppApiToken(configured);
        }

        if (string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            logger?.LogWarning("Auth: using the WELL-KNOWN development app API token for AppCallback (environment Development, Auth:AppApiToken unset)");
            return new AppApiToken(WellKnownDevelopmentToken);
        }

        logger?.LogWarning("Auth: no app API token (Auth:AppApiToken / APP_API_TOKEN); events will not be accepted through AppCallback");
        return new AppApiToken(null);
    }

    public static AppApiToken Of(string value) => new(value);

    public bool Matches(string? presented) =>
        _expected is not null && presented is not null && CryptographicOperations.FixedTimeEquals(_expected, Encoding.UTF8.GetBytes(presented));
}
