using Microsoft.Extensions.FileProviders;

namespace Signaling.Gateway;

/// <summary>
/// The demo call page at <c>/demo</c> (clients/js/demo with the canonical client beside it), copied next to the binary
/// at build time. On in Development, off elsewhere unless <c>Demo:Enabled</c>: it mints tokens through the development
/// endpoint, which only Development has.
/// </summary>
internal static class DemoPage
{
    public static bool IsEnabled(WebApplication app) => app.Configuration.GetValue("Demo:Enabled", app.Environment.IsDevelopment());

    public static void MapDemo(this WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "demo");
        if (!IsEnabled(app) || !Directory.Exists(folder))
        {
            return;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "/demo" }); // /demo → /demo/ → index.html
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/demo" });
    }
}
