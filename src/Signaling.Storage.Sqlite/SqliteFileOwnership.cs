using Signaling.Core;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// The database file's folder and its lock: one process owns a file, and says which in <c>&lt;file&gt;.pid</c>. Every
/// failure becomes a one-line <see cref="StartupProblemException"/> naming <c>Storage:Sqlite:Path</c> and its real cause:
/// a path through a file, a folder that cannot be made or written, or another gateway holding the lock.
/// </summary>
internal static class SqliteFileOwnership
{
    private const string Setting = "Storage:Sqlite:Path";
    // The lock is held elsewhere: flock's EWOULDBLOCK on Linux, ERROR_SHARING_VIOLATION on Windows.
    private const int WouldBlock = 11;
    private const int SharingViolation = unchecked((int)0x80070020);

    public static FileStream Own(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupProblemException($"{Setting}: cannot use the folder {folder}: {Reason(folder, ex)} Point {Setting} at a writable folder.", ex);
        }

        try
        {
            var ownership = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(path + ".pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return ownership;
        }
        catch (IOException ex) when (ex.HResult is WouldBlock or SharingViolation)
        {
            var owner = File.Exists(path + ".pid") ? $" (process {File.ReadAllText(path + ".pid").Trim()})" : "";
            throw new StartupProblemException(
                $"{Setting}: {path} is in use by another gateway process{owner}. One SQLite file serves one process: stop it, choose another path, or run several nodes with Storage:Provider=Redis.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupProblemException($"{Setting}: cannot write in {folder}: {Reason(folder, ex)} Point {Setting} at a writable folder.", ex);
        }
    }

    private static string Reason(string folder, Exception ex) =>
        FirstFileOnTheWay(folder) is { } file ? $"{file} is a file, not a folder."
        : ex is UnauthorizedAccessException ? "permission denied."
        : ex.Message.Contains("Read-only", StringComparison.OrdinalIgnoreCase) ? "the file system is read-only."
        : ex.Message;

    private static string? FirstFileOnTheWay(string folder)
    {
        for (var current = folder; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
            {
                return current;
            }
        }

        return null;
    }
}
