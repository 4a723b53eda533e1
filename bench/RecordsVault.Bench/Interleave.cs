namespace RecordsVault.Bench;

/// <summary>Runs two sides A B A B ..., so that a noisy moment of the machine falls on both, not on one.</summary>
internal static class Interleave
{
    /// <summary>One untimed warm-up pair, then <paramref name="pairs"/> timed pairs; returns each side's seconds.</summary>
    public static async Task<(List<double> A, List<double> B)> RunAsync(int pairs, Func<Task> a, Func<Task> b)
    {
        await a();
        await b();
        var timesA = new List<double>(pairs);
        var timesB = new List<double>(pairs);
        for (var i = 0; i < pairs; i++)
        {
            timesA.Add(await TimeAsync(a));
            timesB.Add(await TimeAsync(b));
        }

        Log.Info($"  A: {string.Join(" ", timesA.Select(t => t.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}");
        Log.Info($"  B: {string.Join(" ", timesB.Select(t => t.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}");
        return (timesA, timesB);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await action();
        return Stats.Seconds(start);
    }
}
