namespace Signaling.Storage.Sqlite.Tests;

/// <summary>
/// Issue #16: the filter that spares a new request id its read of the file. "Absent" must be exact (a wrong one would
/// let a retried request start a second call); "may have" may be wrong for a few unseen keys (they are read).
/// </summary>
public sealed class LookupKeyFilterTests
{
    [Fact]
    public void UntilLoaded_EveryKeyMayBeThere()
    {
        var filter = new LookupKeyFilter();

        Assert.True(filter.MayContain("request:never-added"));
        filter.MarkLoaded();
        Assert.False(filter.MayContain("request:never-added"));
    }

    [Fact]
    public void EveryAddedKey_MayBeThere_AcrossLayers_AndFewUnseenOnesDo()
    {
        var filter = new LookupKeyFilter();
        filter.MarkLoaded();
        const int Added = 300_000; // Past the first layers' capacity (65,536, then 131,072).
        for (var i = 0; i < Added; i++)
        {
            filter.Add($"request:user-{i % 977}:room:{i}");
        }

        for (var i = 0; i < Added; i++)
        {
            Assert.True(filter.MayContain($"request:user-{i % 977}:room:{i}"), $"key {i} was added");
        }

        var falseMaybes = Enumerable.Range(Added, 100_000).Count(i => filter.MayContain($"request:user-{i % 977}:room:{i}"));
        Assert.True(falseMaybes < 3_000, $"{falseMaybes} of 100,000 unseen keys read as maybe there");
    }
}
