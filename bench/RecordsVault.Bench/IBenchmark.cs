namespace RecordsVault.Bench;

/// <summary>One group of the table. Adding a row is adding one of these to <c>Program.cs</c>.</summary>
internal interface IBenchmark
{
    /// <summary>The row number, used to report a failure.</summary>
    int Row { get; }

    string Name { get; }

    Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
