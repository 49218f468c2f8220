using Signaling.Adapters.Nim.Auth;

namespace Signaling.Adapters.Nim.Tests;

public sealed class NertcTokensTests
{
    /// <summary>NetEase's own vector (netease-im/G2-API-Examples server/token_server/dotnet TokenBuilderTests.GetTokenTest), audit N-1.</summary>
    [Fact]
    public void Create_MatchesNetEasesPublishedToken()
    {
        var token = NertcTokens.Create("c37bf7a8758a4ed00000000000000000", "c00000000000", "room1", 10000, 1800, DateTimeOffset.FromUnixTimeSeconds(1693968975));

        Assert.Equal(
            "eyJzaWduYXR1cmUiOiJlZjRmNGEwOGM1NmZiOWI5MDQ3OTE2YjZlYmZhZGY5NWFjZDc2OGViIiwiY3VyVGltZSI6MTY5Mzk2ODk3NTAwMCwidHRsIjoxODAwfQ==",
            token);
    }
}
