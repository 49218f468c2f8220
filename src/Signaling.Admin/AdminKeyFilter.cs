using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;

namespace Signaling.Admin;

/// <summary>Lets a request through only with the configured key in <c>X-Admin-Key</c> (compared in constant time).</summary>
internal sealed class AdminKeyFilter(string apiKey) : IEndpointFilter
{
    public const string Header = "X-Admin-Key";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(apiKey);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var sent = context.HttpContext.Request.Headers[Header].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), _expected)
            ? next(context)
            : ValueTask.FromResult<object?>(Signaling.Http.Problems.Problems.From(
                new SignalingError(SignalingErrorCode.Unauthenticated, $"Send the admin key in the {Header} header.")));
    }
}
