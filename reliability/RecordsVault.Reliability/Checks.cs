namespace RecordsVault.Reliability;

/// <summary>The assertions of one scenario: every one is counted, and any that fails fails the scenario. Safe to call from parallel parts of a scenario.</summary>
internal sealed class Checks
{
    private readonly List<string> failures = [];
    private readonly Lock gate = new();
    private int count;

    public int Count => Volatile.Read(ref count);

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (gate)
            {
                return [.. failures];
            }
        }
    }

    public bool That(bool condition, string what)
    {
        Interlocked.Increment(ref count);
        if (!condition)
        {
            lock (gate)
            {
                failures.Add(what);
            }

            Log.Info($"    FAILED: {what}");
        }

        return condition;
    }
}
