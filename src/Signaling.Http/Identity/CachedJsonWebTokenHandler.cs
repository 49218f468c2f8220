using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Signaling.Http.Identity;

/// <summary>
/// Bearer-token validation that remembers each token it accepted until that token expires. An app sends the same token
/// with every command, and checking its signature and claims each time was ~5% of the gateway's CPU under load. Only
/// accepted tokens are kept — at most <see cref="Capacity"/>, so no caller can make the cache grow without bound — and
/// an altered token is another key, checked in full. Each hit gets its own copy of the identity. A token whose request
/// <paramref name="worthRemembering"/> declines (an event stream's: it shows its token once per connection) is checked
/// but not kept, since keeping it would only cost ~6 KB for each open stream.
/// </summary>
public sealed class CachedJsonWebTokenHandler(Func<bool> worthRemembering) : JsonWebTokenHandler
{
    public const int Capacity = 10_000;

    private readonly MemoryCache _accepted = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public CachedJsonWebTokenHandler()
        : this(() => true)
    {
    }

    /// <summary>How many accepted tokens are remembered now.</summary>
    public int Remembered => _accepted.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = DateTimeOffset.UtcNow; // The system clock, which the full check uses for lifetimes too.
        if (_accepted.TryGetValue(token, out TokenValidationResult? known) && known is not null && now < ExpiresAt(known, validationParameters))
        {
            return Copy(known);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || !worthRemembering())
        {
            return result.IsValid ? Copy(result) : result;
        }

        _accepted.Set(token, result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = ExpiresAt(result, validationParameters) });
        return Copy(result);
    }

    /// <summary>What the caller may change (the identity) is its own; the token itself is read-only.</summary>
    private static TokenValidationResult Copy(TokenValidationResult accepted) => new()
    {
        IsValid = true,
        ClaimsIdentity = accepted.ClaimsIdentity.Clone(),
        SecurityToken = accepted.SecurityToken,
        TokenType = accepted.TokenType,
        Issuer = accepted.Issuer,
    };

    /// <summary>When the token stops being accepted: its expiry plus the allowed clock skew, as the full check would say.</summary>
    private static DateTimeOffset ExpiresAt(TokenValidationResult result, TokenValidationParameters validationParameters) =>
        new DateTimeOffset(DateTime.SpecifyKind(result.SecurityToken.ValidTo, DateTimeKind.Utc)) + validationParameters.ClockSkew;
}
