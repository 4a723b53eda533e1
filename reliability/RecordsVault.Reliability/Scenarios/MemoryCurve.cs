using System.Diagnostics;
using System.Globalization;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>An API's resident memory sampled over a run, and its level over a stretch of it.</summary>
internal sealed class MemoryCurve(ApiProcess api)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, long Rss)> samples = [];

    public int Count => samples.Count;

    public TimeSpan Elapsed => clock.Elapsed;

    public long Sample()
    {
        var rss = api.RssBytes();
        samples.Add((clock.Elapsed, rss));
        return rss;
    }

    /// <summary>The median of the samples taken in the minute starting at <paramref name="from"/>.</summary>
    public long Level(TimeSpan from)
    {
        var window = samples.Where(s => s.At >= from && s.At < from + TimeSpan.FromMinutes(1)).Select(s => s.Rss).Order().ToList();
        return window.Count == 0 ? 0 : window[window.Count / 2];
    }

    /// <summary>Every sample in MiB, for the log.</summary>
    public override string ToString() => string.Join(' ', samples.Select(s => (s.Rss / 1048576).ToString(CultureInfo.InvariantCulture)));
}
