using Microsoft.Extensions.Options;
using Signaling.Core.Webhooks;

namespace Signaling.Webhooks;

/// <summary>Refuses to start on an endpoint that could never be delivered to, naming the setting.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var problems = new List<string>();
        foreach (var (endpoint, settings) in options.Endpoints)
        {
            var key = $"Webhooks:Endpoints:{endpoint}";
            if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                problems.Add($"{key}:Url must be an absolute http or https URL.");
            }

            if (!IsSecret(settings.Secret))
            {
                problems.Add($"{key}:Secret must be whsec_ followed by the base64 of 24 to 64 random bytes.");
            }

            problems.AddRange(settings.Events.Where(e => !WebhookTypes.All.Contains(e))
                .Select(e => $"{key}:Events: '{e}' is not one of {string.Join(", ", WebhookTypes.All)}."));
        }

        if (options.Timeout <= TimeSpan.Zero || options.RetryFor <= TimeSpan.Zero || options.MaxBackoff <= TimeSpan.Zero || options.PollInterval <= TimeSpan.Zero)
        {
            problems.Add("Webhooks:Timeout, RetryFor, MaxBackoff and PollInterval must be more than zero.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsSecret(string secret)
    {
        if (!secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return false;
        }

        var bytes = new byte[96];
        return Convert.TryFromBase64String(secret["whsec_".Length..], bytes, out var length) && length is >= 24 and <= 64;
    }
}
