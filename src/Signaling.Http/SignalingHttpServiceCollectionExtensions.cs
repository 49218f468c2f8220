using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Signaling.Core;
using Signaling.Core.Errors;
using Signaling.Http.Canonical;
using Signaling.Http.Problems;
using Signaling.Http.Streams;
using Signaling.Http.Validation;

namespace Signaling.Http;

public static class SignalingHttpServiceCollectionExtensions
{
    /// <summary>What every surface shares: event streams, problem responses for unreadable requests, strict JSON.</summary>
    public static IServiceCollection AddSignalingHttp(this IServiceCollection services)
    {
        services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.Section).ValidateOnStart();
        services.AddSingleton<EventStreamHandler>();
        services.AddSingleton<SurfaceProblemWriters>();
        services.AddProblemDetails();
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        // Throw on unreadable bodies so the exception handler can say what was wrong, in the surface's shape.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, CanonicalJson.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, CoreJson.Default);
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return services;
    }
}
