namespace Signaling.Gateway;

/// <summary>
/// The keys and secrets in appsettings.json are published development values, all starting with
/// <see cref="Marker"/>; anyone can mint tokens with them. Outside Development the gateway refuses to start
/// while any setting still holds one.
/// </summary>
internal static class DevelopmentValues
{
    public const string Marker = "development-only";

    /// <summary>The settings (as <c>Section:Key</c>) still holding a development value.</summary>
    public static IReadOnlyList<string> In(IConfiguration configuration) =>
        configuration.AsEnumerable()
            .Where(setting => setting.Value?.StartsWith(Marker, StringComparison.Ordinal) == true)
            .Select(setting => setting.Key)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Refusal(IReadOnlyList<string> settings, string environment) =>
        $"The gateway will not start in {environment} with development keys: set {string.Join(", ", settings.Select(s => s.Replace(":", "__", StringComparison.Ordinal)))} " +
        "to your own values (or run with ASPNETCORE_ENVIRONMENT=Development).";
}
