namespace Signaling.Storage.Sqlite;

/// <summary>Configuration section <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStorageOptions
{
    public const string Section = "Storage:Sqlite";

    /// <summary>The database file; a relative path is taken from the working directory. Its folder is created if missing.</summary>
    public string Path { get; set; } = "data/signaling.db";
}
