namespace Signaling.Storage.Sqlite;

/// <summary>Configuration section <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStorageOptions
{
    public const string Section = "Storage:Sqlite";

    /// <summary>The database file; a relative path is taken from the working directory. Its folder is created if missing.</summary>
    public string Path { get; set; } = "data/signaling.db";

    /// <summary>
    /// How long acknowledged commits may wait in the journal before the writer copies them into the tables. Longer
    /// waits copy more commits at once (a call's invite, answer and hang-up often become one row each); the journal
    /// keeps them durable meanwhile. Anything that reads the tables directly waits for the copy. But each copy then
    /// takes the writer longer, on a core the requests need. Measured at 300 cycles/s: 100 ms wrote 21.2–21.3 KB per
    /// cycle with p99 9.6–11.8 ms; 500 ms 15.5–19.6 KB, p99 10.6–17.5 ms; 1 s 16.8–17.0 KB, p99 12.5–16.0 ms.
    /// </summary>
    public TimeSpan ApplyDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
