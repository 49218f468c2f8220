using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Signaling.Http;

public static class VendorSurfaceRegistration
{
    /// <summary>
    /// What every vendor surface registers: its authentication scheme and a policy requiring it, the validators in its
    /// assembly, and its source-generated JSON for request binding.
    /// </summary>
    public static IServiceCollection AddVendorSurface<TSurface, THandler>(
        this IServiceCollection services, string scheme, string policy, IJsonTypeInfoResolver json)
        where THandler : AuthenticationHandler<AuthenticationSchemeOptions>
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, THandler>(scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(policy, p => p.AddAuthenticationSchemes(scheme).RequireAuthenticatedUser());
        services.AddValidatorsFromAssemblyContaining<TSurface>(ServiceLifetime.Singleton);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(json));
        return services;
    }
}
