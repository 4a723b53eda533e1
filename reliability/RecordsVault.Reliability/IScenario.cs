namespace RecordsVault.Reliability;

/// <summary>One of the worst days, run against the real processes.</summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>What the scenario does, in this mode (quick or full).</summary>
    string Done(bool quick);

    string Checked { get; }

    Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken);
}
