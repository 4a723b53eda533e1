namespace RecordsVault.Tests;

/// <summary>A clock a test can set, for retention arithmetic across years and leap days.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
