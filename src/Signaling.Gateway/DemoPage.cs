using Microsoft.Extensions.FileProviders;
using Signaling.Http;

namespace Signaling.Gateway;

/// <summary>
/// The demo call page at <c>/demo</c> (clients/js/demo with the canonical client and the vendor SDK packages beside
/// it), copied next to the binary at build time. On in Development, off elsewhere unless <c>Demo:Enabled</c>: it mints
/// credentials through development endpoints, which only Development has.
/// </summary>
internal static class DemoPage
{
    public static bool IsEnabled(WebApplication app) => app.Configuration.GetValue("Demo:Enabled", app.Environment.IsDevelopment());

    public static void MapDemo(this WebApplication app, IReadOnlyList<IVendorTokens> vendors)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "demo");
        if (!IsEnabled(app) || !Directory.Exists(folder))
        {
            return;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "/demo" }); // /demo → /demo/ → index.html
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/demo" });
        if (app.Environment.IsDevelopment())
        {
            MapVendorCredentials(app, vendors);
        }
    }

    /// <summary>
    /// Development only, like <c>POST /v1/dev/tokens</c>: a tab that picks a vendor surface gets what that vendor's app
    /// server would give it — the vendor's token for the name, and the public app id its SDK is initialised with.
    /// </summary>
    private static void MapVendorCredentials(WebApplication app, IReadOnlyList<IVendorTokens> vendors) =>
        app.MapPost("/demo/credentials", (DemoCredentialsRequest request, TimeProvider clock) =>
            {
                var vendor = vendors.FirstOrDefault(v => v.Vendor == request.Surface);
                if (vendor is null || string.IsNullOrWhiteSpace(request.UserId) || request.UserId.Length > 64)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is invalid.",
                        detail: $"surface must be one of {string.Join(", ", vendors.Select(v => v.Vendor))}, and userId 1 to 64 characters.",
                        extensions: new Dictionary<string, object?> { ["code"] = "InvalidArgument" });
                }

                return Results.Ok(new DemoCredentials(vendor.IssueToken(app.Configuration, request.UserId, null, clock), vendor.ClientAppId(app.Configuration)));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
}

internal sealed record DemoCredentialsRequest(string? Surface, string? UserId);

internal sealed record DemoCredentials(string Token, string? AppId);
