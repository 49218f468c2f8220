using System.Text.Json;

namespace Signaling.Gateway.Tests.Fuzz;

/// <summary>Ids a fuzz run uses for strings: the run's users, then ids the gateway handed out (invitation, room, channel ids …).</summary>
public sealed class IdPool(Random random, IEnumerable<string> seeds)
{
    private const int Capacity = 400;
    private readonly List<string> _ids = seeds.ToList();

    public string Next() => _ids[random.Next(_ids.Count)];

    /// <summary>Keeps id-like strings from an answer (sorted, so a batch adds the same ids in the same order on every run).</summary>
    public void Harvest(IEnumerable<JsonElement> answers)
    {
        var found = answers.SelectMany(Strings).Where(s => s.Length is >= 6 and <= 64 && s.All(c => c is >= '!' and <= '~'))
            .Distinct().Order(StringComparer.Ordinal);
        foreach (var id in found)
        {
            if (_ids.Contains(id))
            {
                continue;
            }

            if (_ids.Count >= Capacity)
            {
                _ids.RemoveAt(random.Next(_ids.Count));
            }

            _ids.Add(id);
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
