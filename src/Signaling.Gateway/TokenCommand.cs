using Microsoft.Extensions.Options;
using Signaling.Http;
using Signaling.Http.Identity;

namespace Signaling.Gateway;

/// <summary>
/// <c>dotnet run --project src/Signaling.Gateway -- token [--vendor v] &lt;user&gt; [--device d] [--hours h]</c>: prints a
/// canonical API token, or with <c>--vendor</c> that vendor's credential (a Tencent UserSig, …).
/// </summary>
internal static class TokenCommand
{
    private static readonly string[] ValueOptions = ["--vendor", "--device", "--hours"];

    public static int Run(string[] args, IEnumerable<IVendorTokens> vendors)
    {
        var user = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !ValueOptions.Contains(args[i - 1]))).FirstOrDefault();
        var vendorName = Option(args, "--vendor");
        var vendor = vendors.FirstOrDefault(v => v.Vendor == vendorName);
        if (user is null || !Signaling.Core.Limits.IsValidId(user) || vendorName is not null && vendor is null)
        {
            Console.Error.WriteLine($"usage: token [--vendor {string.Join('|', vendors.Select(v => v.Vendor))}] <userId> [--device <deviceId>] [--hours <lifetime>]");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        if (vendor is not null)
        {
            Console.WriteLine(vendor.IssueToken(configuration, user, Option(args, "--device"), TimeProvider.System));
            return 0;
        }

        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var device = Option(args, "--device");
        TimeSpan? lifetime = Option(args, "--hours") is { } hours ? TimeSpan.FromHours(double.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)) : null;
        Console.WriteLine(new TokenIssuer(Options.Create(auth), TimeProvider.System).Issue(user, device, lifetime));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
