using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Signaling.Http.OpenApi;

namespace Signaling.Http;

/// <summary>How surfaces whose routes are their SDK's method names map and document them.</summary>
public static class VendorMethods
{
    /// <summary>The SDK method <paramref name="method"/> at <c>POST {group}/{method}</c>; its operation id is the vendor prefix plus the method.</summary>
    public static RouteHandlerBuilder MapMethod(this RouteGroupBuilder group, string operationPrefix, string method, Delegate handler) =>
        group.MapPost($"/{method}", handler).WithName($"{operationPrefix}{char.ToUpperInvariant(method[0])}{method[1..]}");

    /// <summary>One handler under several SDK method names (a native alias of a Web method); what is chained applies to each.</summary>
    public static RouteHandlerBuilder MapMethods(this RouteGroupBuilder group, string operationPrefix, string[] methods, Delegate handler) =>
        new(methods.Select(method => (IEndpointConventionBuilder)group.MapMethod(operationPrefix, method, handler)).ToList());

    /// <summary>
    /// A method's documentation: its summary, the surface's error description, the success envelope
    /// (<typeparamref name="TResponse"/>, shown with <paramref name="response"/>) and the envelope refusals come in (400, 401).
    /// </summary>
    public static RouteHandlerBuilder DescribeMethod<TResponse, TRefusal>(
        this RouteHandlerBuilder builder, string summary, string errors, object? request, TResponse response) =>
        builder
            .WithSummary(summary)
            .WithDescription(errors)
            .Produces<TResponse>()
            .Produces<TRefusal>(StatusCodes.Status400BadRequest)
            .Produces<TRefusal>(StatusCodes.Status401Unauthorized)
            .WithExample(request, response);
}
