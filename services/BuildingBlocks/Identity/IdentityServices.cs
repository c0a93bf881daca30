using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Agencies;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Tokens;

namespace Ogi.BuildingBlocks.Identity;

/// <summary>Registers what a host needs to know its callers: token validation, the agency directory and agency scope.</summary>
public static class IdentityServices
{
    /// <summary>Reads "Auth" and "Agencies" from <paramref name="configuration"/>; both are resolved lazily, so <c>migrate</c> needs neither.</summary>
    public static IServiceCollection AddOgiIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(_ => AuthSettings.From(configuration));
        services.AddSingleton(sp => new AccessTokenValidator(
            sp.GetRequiredService<AuthSettings>(), environment.EnvironmentName, sp.GetRequiredService<ILogger<AccessTokenValidator>>()));
        services.AddSingleton(sp => AppApiToken.From(configuration, environment.EnvironmentName, sp.GetRequiredService<ILogger<AppApiToken>>()));
        services.AddSingleton(_ => AgencyDirectory.FromConfiguration(configuration));
        services.AddSingleton<AgencyScope>();
        return services;
    }

    /// <summary>The authenticated caller of this request (set by the authentication interceptor).</summary>
    public static Principal? GetOgiPrincipal(this HttpContext httpContext) => httpContext.Features.Get<Principal>();

    public static void SetOgiPrincipal(this HttpContext httpContext, Principal principal) => httpContext.Features.Set(principal);
}
