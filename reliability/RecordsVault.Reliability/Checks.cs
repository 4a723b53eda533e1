namespace RecordsVault.Reliability;

/// <summary>The assertions of one scenario: every one is counted, and any that fails fails the scenario.</summary>
internal sealed class Checks
{
    private readonly List<string> failures = [];

    public int Count { get; private set; }

    public IReadOnlyList<string> Failures => failures;

    public bool That(bool condition, string what)
    {
        Count++;
        if (!condition)
        {
            failures.Add(what);
            Log.Info($"    FAILED: {what}");
        }

        return condition;
    }
}
