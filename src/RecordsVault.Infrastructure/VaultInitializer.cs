using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecordsVault.Infrastructure.Persistence;
using Azure.Storage.Blobs;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure.Audit;

namespace RecordsVault.Infrastructure;

/// <summary>
/// Brings the schema and older data up to date and makes sure the records and checkpoint containers exist before
/// the API serves.
/// </summary>
public sealed partial class VaultInitializer(
    IServiceProvider services, BlobContainerClient container, AuditCheckpointStore checkpoints, ILogger<VaultInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loading the policies here makes a bad policy file stop the service at start, naming the file and rule.
        var policy = services.GetRequiredService<RetentionPolicy>();
        LogPolicies(logger, policy.Rules.Count);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Data from before titles were sealed and tombstones forgot dates of birth; a no-op once converted.
        await scope.ServiceProvider.GetRequiredService<LegacyPlaintextScrubber>().RunAsync(cancellationToken);

        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await checkpoints.EnsureAsync(cancellationToken);
        LogReady(logger, db.Database.ProviderName ?? "unknown", container.Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention policy loaded: {RuleCount} rules")]
    private static partial void LogPolicies(ILogger logger, int ruleCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vault storage ready: database provider {Provider}, container {Container}")]
    private static partial void LogReady(ILogger logger, string provider, string container);
}
