using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Signaling.Core.Webhooks;
using StandardWebhooks;

namespace Signaling.Webhooks;

/// <summary>One attempt: POST the message's body to the endpoint, signed for this attempt's time, within Webhooks:Timeout.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    private readonly Dictionary<string, StandardWebhook> _signers = options.Value.Endpoints.ToDictionary(e => e.Key, e => new StandardWebhook(e.Value.Secret));

    /// <summary>Null when the endpoint answered 2xx in time; otherwise what went wrong, in a line.</summary>
    public async Task<string?> SendAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        var endpoint = options.Value.Endpoints[message.Endpoint];
        var now = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(message.Body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", message.Id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", _signers[message.Endpoint].Sign(message.Id, now, message.Body));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}";
        }
    }
}
