namespace Signaling.Contract;

/// <summary>
/// The checks of one surface, each run against the gateway and filed under the operation it is about; the table shows
/// every operation of the surface's document with how many of its checks held.
/// </summary>
public sealed class ContractRun(string surface, Wire wire)
{
    private readonly List<Result> _results = [];
    private readonly Dictionary<string, string> _notChecked = [];

    public Wire Wire => wire;

    /// <summary>A prefix that keeps this run's users, rooms and channels apart from anything else on the gateway.</summary>
    public string Prefix { get; } = $"ck{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";

    private sealed record Result(string Operation, string Check, string Source, bool Held, string Detail);

    public bool Held => _results.All(r => r.Held);

    /// <summary>Runs one check of <paramref name="operation"/> ("POST /tencent/signaling/invite"); <paramref name="source"/> cites the vendor fact.</summary>
    public async Task CheckAsync(string operation, string check, string source, Func<Task> body)
    {
        try
        {
            await body();
            _results.Add(new Result(operation, check, source, true, ""));
        }
        catch (ContractFailure failure)
        {
            _results.Add(new Result(operation, check, source, false, failure.Message));
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            _results.Add(new Result(operation, check, source, false, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>Says why the kit leaves <paramref name="operation"/> alone; the table prints the reason.</summary>
    public void NotChecked(string operation, string why) => _notChecked[operation] = why;

    public string User(string name) => $"{Prefix}-{name}";

    /// <summary>The table: one line per operation of the document (checked or not), then the failed checks in full.</summary>
    public void Print(TextWriter output)
    {
        var operations = wire.Documents.Operations(surface);
        var width = Math.Max(40, operations.Max(o => o.Length) + 2);
        output.WriteLine();
        output.WriteLine($"Surface {surface} at {wire.BaseAddress} (document openapi/{surface}.json)");
        output.WriteLine($"{"operation".PadRight(width)}{"result",-10}checks");
        foreach (var operation in operations)
        {
            var mine = _results.Where(r => r.Operation == operation).ToList();
            var result = mine.Count == 0 ? "-" : mine.All(r => r.Held) ? "pass" : "FAIL";
            var detail = mine.Count == 0 ? $"not checked: {_notChecked.GetValueOrDefault(operation, "no check in the kit")}" : $"{mine.Count(r => r.Held)}/{mine.Count} held";
            output.WriteLine($"{operation.PadRight(width)}{result,-10}{detail}");
        }

        foreach (var stray in _results.Where(r => !operations.Contains(r.Operation)).Select(r => r.Operation).Distinct())
        {
            output.WriteLine($"{stray.PadRight(width)}{"FAIL",-10}not in the document");
        }

        foreach (var failed in _results.Where(r => !r.Held))
        {
            output.WriteLine($"  FAIL {failed.Operation}: {failed.Check} [{failed.Source}]");
            output.WriteLine($"       {failed.Detail}");
        }

        var checkedCount = operations.Count(o => _results.Any(r => r.Operation == o));
        output.WriteLine($"{surface}: {_results.Count(r => r.Held)}/{_results.Count} checks held over {checkedCount}/{operations.Count} operations.");
    }
}
