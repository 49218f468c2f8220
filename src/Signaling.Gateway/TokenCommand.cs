using System.CommandLine;
using Microsoft.Extensions.Options;
using Signaling.Core;
using Signaling.Http;
using Signaling.Http.Identity;

namespace Signaling.Gateway;

/// <summary>
/// <c>Signaling.Gateway token [--vendor v] &lt;user&gt; [--device d] [--hours h]</c>: prints a canonical API token, or with
/// <c>--vendor</c> that vendor's credential (a Tencent UserSig, …), signed with the configured keys. Bad usage exits 2.
/// </summary>
internal static class TokenCommand
{
    public static int Run(string[] args, IReadOnlyList<IVendorTokens> vendors)
    {
        var user = new Argument<string>("userId") { Description = $"The user: 1–{Limits.MaxIdLength} visible ASCII characters." };
        user.Validators.Add(result =>
        {
            if (!Limits.IsValidId(result.Tokens.FirstOrDefault()?.Value))
            {
                result.AddError($"'{result.Tokens.FirstOrDefault()?.Value}' is not a user id: use 1–{Limits.MaxIdLength} visible ASCII characters.");
            }
        });
        var vendor = new Option<string?>("--vendor") { Description = "Mint that vendor's credential instead of a /v1 token." };
        vendor.AcceptOnlyFromAmong([.. vendors.Select(v => v.Vendor)]);
        var device = new Option<string?>("--device") { Description = "The device id the token names (did)." };
        var hours = new Option<double?>("--hours") { Description = "The /v1 token's lifetime in hours (default: Auth:TokenLifetime)." };
        hours.Validators.Add(result =>
        {
            // A value that is not a number is already refused by the parser; this adds only the range.
            if (double.TryParse(result.Tokens.FirstOrDefault()?.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && value <= 0)
            {
                result.AddError("--hours must be more than 0.");
            }
        });

        var command = new RootCommand("Prints a token for the user, signed with the keys in appsettings.json and the environment.") { user, vendor, device, hours };
        command.SetAction(parsed => Mint(parsed.GetValue(user)!, vendors.FirstOrDefault(v => v.Vendor == parsed.GetValue(vendor)),
            parsed.GetValue(device), parsed.GetValue(hours)));

        var result = command.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            Console.Error.WriteLine("Run 'token --help' for usage.");
            return 2;
        }

        return result.Invoke();
    }

    private static int Mint(string user, IVendorTokens? vendor, string? device, double? hours)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        if (vendor is not null)
        {
            Console.WriteLine(vendor.IssueToken(configuration, user, device, TimeProvider.System));
            return 0;
        }

        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        Console.WriteLine(new TokenIssuer(Options.Create(auth), TimeProvider.System).Issue(user, device, hours is { } h ? TimeSpan.FromHours(h) : null));
        return 0;
    }
}
