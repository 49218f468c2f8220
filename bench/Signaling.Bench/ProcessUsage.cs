using System.Diagnostics;
using System.Globalization;

namespace Signaling.Bench;

/// <summary>
/// What a process the bench started has used so far: CPU time, and the bytes it sent towards the disk (Linux's
/// <c>/proc/PID/io</c> <c>write_bytes</c>; null where that cannot be read). Two samples around the measured window
/// give the cost per completed cycle.
/// </summary>
internal readonly record struct ProcessUsage(TimeSpan Cpu, long? WrittenBytes)
{
    public static ProcessUsage Zero { get; } = new(TimeSpan.Zero, 0);

    public static ProcessUsage? Of(Process? process)
    {
        if (process is null || process.HasExited)
        {
            return null;
        }

        process.Refresh();
        return new ProcessUsage(process.TotalProcessorTime, ReadWrittenBytes(process.Id));
    }

    public static ProcessUsage operator +(ProcessUsage left, ProcessUsage right) => new(left.Cpu + right.Cpu, left.WrittenBytes + right.WrittenBytes);

    public static ProcessUsage operator -(ProcessUsage after, ProcessUsage before) => new(after.Cpu - before.Cpu, after.WrittenBytes - before.WrittenBytes);

    private static long? ReadWrittenBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/io").FirstOrDefault(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
