using System.Globalization;

namespace RecordsVault.Bench;

/// <summary>Resident memory of another process, from Linux's <c>/proc/PID</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS in bytes.</summary>
    public static long Resident(int pid) => StatusKilobytes(pid, "VmRSS:") * 1024;

    /// <summary>VmHWM, the peak of VmRSS since start or since <see cref="TryResetPeak"/>, in bytes.</summary>
    public static long Peak(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    /// <summary>Writing 5 to clear_refs restarts VmHWM from the current RSS (Linux 4.0 and later).</summary>
    public static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.Info($"  cannot reset the peak RSS of {pid} ({ex.Message}); relying on sampling");
            return false;
        }
    }

    private static long StatusKilobytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}

/// <summary>Samples a process's VmRSS on a timer, in case the kernel's own peak cannot be reset.</summary>
internal sealed class ResidentSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private bool stopped;

    public ResidentSampler(int pid, TimeSpan interval) => loop = RunAsync(pid, interval, stop.Token);

    public long MaxBytes { get; private set; }

    /// <summary>Stops sampling; <see cref="MaxBytes"/> is final afterwards. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task RunAsync(int pid, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                MaxBytes = Math.Max(MaxBytes, ProcessMemory.Resident(pid));
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
