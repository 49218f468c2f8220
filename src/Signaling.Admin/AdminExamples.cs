namespace Signaling.Admin;

/// <summary>Sample responses for the admin document (fixed values, so the committed document is stable).</summary>
internal static class AdminExamples
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static OnlineUserView OnlineUser { get; } = new(
        "alice",
        [new SessionView("3c5b0d9f1b7a5e4f2d8c6b4a2e0f1d3c", "agora", "web", At)],
        [new StreamView("7a5e4f2d8c6b4a2e0f1d3c5b0d9f3c1b", "agora", "websocket", "web", At, At.AddSeconds(45))]);
}
