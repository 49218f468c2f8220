using Microsoft.Extensions.Options;
using Signaling.Http.Identity;

namespace Signaling.Gateway;

/// <summary><c>dotnet run --project src/Signaling.Gateway -- token &lt;user&gt; [--device d] [--hours h]</c>: prints a canonical API token.</summary>
internal static class TokenCommand
{
    public static int Run(string[] args)
    {
        var user = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (user is null || !Signaling.Core.Limits.IsValidId(user))
        {
            Console.Error.WriteLine("usage: token <userId> [--device <deviceId>] [--hours <lifetime>]");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
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
