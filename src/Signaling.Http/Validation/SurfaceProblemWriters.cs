using Microsoft.AspNetCore.Http;

namespace Signaling.Http.Validation;

/// <summary>
/// Which surface's <see cref="IProblemWriter"/> answers a path, for refusals made where no endpoint of ours matched
/// (an unknown route, a wrong method or content type): the longest registered prefix wins.
/// </summary>
public sealed class SurfaceProblemWriters
{
    private readonly List<(PathString Prefix, IProblemWriter Writer)> _writers = [];

    public IProblemWriter? For(PathString path)
    {
        lock (_writers)
        {
            return _writers.FirstOrDefault(w => path.StartsWithSegments(w.Prefix)).Writer;
        }
    }

    internal void Add(PathString prefix, IProblemWriter problems)
    {
        lock (_writers)
        {
            _writers.Add((prefix, problems));
            _writers.Sort((a, b) => b.Prefix.Value!.Length.CompareTo(a.Prefix.Value!.Length));
        }
    }
}
