namespace RecordsVault.Bench.Rows;

/// <summary>
/// A row whose feature may not have landed. It looks for its routes in the API's OpenAPI document; while any is
/// missing, it reports "not landed yet" and never a number. Once the feature lands, override <see cref="MeasureAsync"/>.
/// </summary>
internal abstract class PendingFeatureBenchmark : IBenchmark
{
    public abstract int Row { get; }

    public abstract string Name { get; }

    /// <summary>The OpenAPI paths the feature adds.</summary>
    protected abstract IReadOnlyList<string> Routes { get; }

    /// <summary>What the row will report: what, unit and aim of each line.</summary>
    protected abstract IReadOnlyList<(string What, string Unit, string Aim)> Lines { get; }

    public Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var missing = Routes.Where(r => !context.HasRoute(r)).ToList();
        if (missing.Count > 0)
        {
            Log.Info($"  not landed yet: the API has no {string.Join(", ", missing)}");
            return Task.FromResult<IReadOnlyList<ResultRow>>(NothingMeasured("not landed yet"));
        }

        return MeasureAsync(context, cancellationToken);
    }

    /// <summary>The measurement, once the feature exists. Until someone writes it, the row says so.</summary>
    protected virtual Task<IReadOnlyList<ResultRow>> MeasureAsync(BenchContext context, CancellationToken cancellationToken)
    {
        Log.Info($"  {string.Join(", ", Routes)} landed, but this row's benchmark is not written yet");
        return Task.FromResult<IReadOnlyList<ResultRow>>(NothingMeasured("landed; benchmark not written yet"));
    }

    private List<ResultRow> NothingMeasured(string note) =>
        Lines.Select(l => ResultRow.Missing(Row, l.What, l.Unit, l.Aim, note)).ToList();
}
