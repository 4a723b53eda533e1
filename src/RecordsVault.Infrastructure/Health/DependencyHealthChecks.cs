using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Infrastructure.Health;

/// <summary>Ready only while the database answers a query.</summary>
public sealed class DatabaseHealthCheck(VaultDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}

/// <summary>Ready only while the records container answers.</summary>
public sealed class BlobStorageHealthCheck(IRecordContentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await store.CheckAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}

/// <summary>Ready only while the key provider can wrap and unwrap a throwaway key.</summary>
public sealed class KeyProviderHealthCheck(IKeyProvider keys) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = new byte[32];
        var wrapped = await keys.WrapKeyAsync(probe, cancellationToken);
        var unwrapped = await keys.UnwrapKeyAsync(wrapped.KeyId, wrapped.Value, cancellationToken);
        return unwrapped.AsSpan().SequenceEqual(probe)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The key provider returned a different key.");
    }
}
