namespace Signaling.Core.Ports;

/// <summary>One page of a listing; <see cref="Next"/> is the opaque cursor of the next page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
