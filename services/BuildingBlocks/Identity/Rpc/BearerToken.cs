using Ogi.BuildingBlocks.Grpc;

namespace Ogi.BuildingBlocks.Identity.Rpc;

/// <summary>The access token on a call: the "authorization: Bearer …" header callers send and the interceptor reads.</summary>
public static class BearerToken
{
    public const string Header = "authorization";
    private const string Scheme = "Bearer ";

    /// <summary>Call headers carrying <paramref name="token"/>.</summary>
    public static Metadata Headers(string token) => new() { { Header, Scheme + token } };

    /// <summary>The token of an authorization header value, or null when it is not a bearer token.</summary>
    public static string? From(string? authorization) =>
        authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[Scheme.Length..].Trim()
            : null;
}
