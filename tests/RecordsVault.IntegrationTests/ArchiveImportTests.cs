using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Core.Archive;
using RecordsVault.Core.Cases;
using RecordsVault.Infrastructure.Archive;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>The sample manifest goes in once, on both databases, however often the run is repeated or interrupted.</summary>
public sealed class ArchiveImportTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "samples", "archive");
    private static readonly AuditActor Manager = new("rm-1", "prov-a", ["Vault.RecordsManager"]);

    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sample_archive_closes_every_case_and_a_second_run_stores_nothing_twice(string provider)
    {
        await using var factory = new VaultFactory(provider);

        var first = await ImportAsync(factory, null, CancellationToken.None);
        var second = await ImportAsync(factory, null, CancellationToken.None);

        Assert.Equal((5, 0), (first.RowsStored, first.RowsAlreadyIn));
        Assert.Equal((0, 5), (second.RowsStored, second.RowsAlreadyIn));
        Assert.Equal(first.Cases.SelectMany(c => c.Records).Select(r => r.RecordId), second.Cases.SelectMany(c => c.Records).Select(r => r.RecordId));
        Assert.All(first.Cases, c => Assert.Equal(nameof(CaseLifecycle.Retained), c.Lifecycle));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        Assert.Equal(3, await db.Cases.CountAsync());
        Assert.Equal(5, await db.Records.CountAsync());
        var events = await db.AuditEvents.Where(e => e.Action == ArchiveImporter.AuditAction).ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.EndsWith(";rows=5", e.TargetId, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Run_interrupted_mid_case_is_finished_by_the_next_run_without_duplicates(string provider)
    {
        await using var factory = new VaultFactory(provider);
        using var stop = new CancellationTokenSource();

        // Cancelled after the second record: case A-1001 exists, open, with two of its three records.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ImportAsync(factory, new SyncProgress(p => { if (p.RowsDone == 2) { stop.Cancel(); } }), stop.Token));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            var open = await db.Cases.SingleAsync();
            Assert.Equal(CaseLifecycle.Open, open.Lifecycle);
            Assert.Equal(2, await db.Records.CountAsync());
        }

        var resumed = await ImportAsync(factory, null, CancellationToken.None);

        Assert.Equal((3, 2), (resumed.RowsStored, resumed.RowsAlreadyIn));
        await using var after = factory.Services.CreateAsyncScope();
        var vault = after.ServiceProvider.GetRequiredService<VaultDbContext>();
        Assert.Equal(5, await vault.Records.CountAsync());
        Assert.Equal(5, await vault.Records.Select(r => r.Sha256).Distinct().CountAsync());
        Assert.All(await vault.Cases.ToListAsync(), c => Assert.Equal(CaseLifecycle.Retained, c.Lifecycle));
    }

    private static async Task<ArchiveReceipt> ImportAsync(VaultFactory factory, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        using var reader = File.OpenText(Path.Combine(Folder, "manifest.csv"));
        var manifest = ArchiveManifest.Read(reader, f => File.Exists(Path.Combine(Folder, f)), DateOnly.FromDateTime(DateTime.UtcNow));
        await using var scope = factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ArchiveImporter>();
        using var files = ArchiveFiles.At(Folder);
        return await importer.ImportAsync(manifest, files, Manager, new ArchiveRun(10 * 1024 * 1024, StopOnError: false, "test"), progress, cancellationToken);
    }

    /// <summary>Reports on the caller's thread, so the cancellation lands before the next row starts.</summary>
    private sealed class SyncProgress(Action<ArchiveProgress> report) : IProgress<ArchiveProgress>
    {
        public void Report(ArchiveProgress value) => report(value);
    }
}
