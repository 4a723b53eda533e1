namespace RecordsVault.Bench;

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        if (percent == 50 && sorted.Length % 2 == 0)
        {
            return (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Seconds(long startTimestamp) => System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
