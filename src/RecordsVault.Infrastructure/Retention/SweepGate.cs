namespace RecordsVault.Infrastructure.Retention;

/// <summary>
/// One sweep at a time in this process (the timer, and any number of <c>POST /retention/sweep</c>): a second
/// sweep waits for the first and then finds nothing left to do, instead of reading the same batches again.
/// Across instances, the sweep's conditional updates still keep a case from changing twice.
/// </summary>
public sealed class SweepGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Exit(gate);
    }

    public void Dispose() => gate.Dispose();

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
