using System.Globalization;

namespace RecordsVault.Bench;

/// <summary>CPU time used by a process so far, from Linux's <c>/proc/PID/stat</c> (user and system time).</summary>
internal static class ProcessCpu
{
    /// <summary>Clock ticks per second of <c>/proc/PID/stat</c>: USER_HZ, 100 on every Linux this runs on.</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan Used(int pid)
    {
        // The command name (field 2) is in parentheses and may hold spaces; fields are counted after its ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The share of the whole machine (every core) that <paramref name="used"/> is of <paramref name="seconds"/>.</summary>
    public static double Share(TimeSpan used, double seconds) => 100 * used.TotalSeconds / (seconds * Environment.ProcessorCount);
}
