using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Signaling.Core;
using Signaling.Core.Errors;
using Signaling.Http.Identity;

namespace Signaling.Http.Canonical;

/// <summary>The canonical API's JWT bearer scheme, answering failures with a ProblemDetails that says what was wrong.</summary>
public static class CanonicalAuthentication
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;
    public const string Policy = "canonical";

    private static bool IsStream(HttpRequest request) => request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true;

    public static void AddCanonicalAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenIssuer>();
        services.AddAuthentication().AddJwtBearer(Scheme);
        services.AddHttpContextAccessor();
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<AuthOptions>, IHttpContextAccessor>((jwt, auth, http) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(new CachedJsonWebTokenHandler(() => http.HttpContext is not { } context || !IsStream(context.Request))
            {
                MapInboundClaims = false,
            });
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Value.Issuer,
                ValidateAudience = false,
                IssuerSigningKey = TokenIssuer.SigningKey(auth.Value),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = JwtRegisteredClaimNames.Sub,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            jwt.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on EventSource or WebSocket: streams also accept ?access_token=.
                OnMessageReceived = context =>
                {
                    if (IsStream(context.Request))
                    {
                        context.Token ??= context.Request.Query["access_token"].FirstOrDefault();
                    }

                    return Task.CompletedTask;
                },
                // A well-signed token still names a user by the id rules: sub a string of 1–128 visible ASCII characters.
                OnTokenValidated = context =>
                {
                    if (InvalidIdentity(context.SecurityToken as JsonWebToken) is { } reason)
                    {
                        context.Fail(new InvalidIdentityException(reason));
                    }

                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var detail = context.AuthenticateFailure switch
                    {
                        SecurityTokenExpiredException expired => $"The token expired at {expired.Expires:O}.",
                        null => "A bearer token is required (Authorization: Bearer <JWT>).",
                        var failure => $"The token is invalid: {Describe(failure)}",
                    };
                    await Problems.Problems.From(new SignalingError(SignalingErrorCode.Unauthenticated, detail)).ExecuteAsync(context.HttpContext);
                },
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
    }

    /// <summary>Read from the payload as sent: the handler turns a numeric <c>sub</c> into a string claim.</summary>
    private static string? InvalidIdentity(JsonWebToken? token)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token?.EncodedPayload ?? "e30"));
        return !IsId(payload.RootElement, JwtRegisteredClaimNames.Sub, required: true)
            ? $"its sub must be a string of 1–{Limits.MaxIdLength} visible ASCII characters."
            : !IsId(payload.RootElement, TokenIssuer.DeviceClaim, required: false)
                ? $"its did must be a string of 1–{Limits.MaxIdLength} visible ASCII characters."
                : null;
    }

    private static bool IsId(JsonElement claims, string name, bool required) =>
        claims.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String && Limits.IsValidId(value.GetString())
            : !required;

    private static string Describe(Exception failure) => failure switch
    {
        InvalidIdentityException invalid => invalid.Message,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not match.",
        SecurityTokenInvalidIssuerException => "it was issued by someone else.",
        SecurityTokenNotYetValidException => "it is not valid yet.",
        SecurityTokenInvalidLifetimeException => "its lifetime is invalid.",
        SecurityTokenMalformedException or ArgumentException => "it is not a well-formed JWT.",
        _ => "it could not be validated.",
    };

    private sealed class InvalidIdentityException(string message) : SecurityTokenValidationException(message);
}
