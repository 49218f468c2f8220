namespace Signaling.Core.Tests;

public sealed class IdsTests
{
    /// <summary>Issue #16: invitation ids sort by creation, so a store's id index takes new ones at its end.</summary>
    [Fact]
    public async Task SequentialIds_SortByCreationTime_AndKeepTheIdShape()
    {
        var earlier = Ids.Sequential();
        await Task.Delay(3);
        var later = Ids.Sequential();

        Assert.True(string.CompareOrdinal(earlier, later) < 0, $"{earlier} should sort before {later}");
        Assert.All(new[] { earlier, later }, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.True(Limits.IsValidId(later));
    }
}
