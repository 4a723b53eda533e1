using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Reconciliation;
using RecordsVault.Infrastructure.Storage;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>No blob is deleted while the database outcome is unknown; the reconciler removes only what no row owns.</summary>
public sealed class ReconcilerTests
{
    private static readonly TimeSpan PastGrace = new ReconcilerOptions().Grace + TimeSpan.FromMinutes(1);

    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reconciler_removes_only_old_blobs_that_no_row_owns(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(cw)).Id();
        var record = await ApiCalls.UploadAsync(cw, caseId, "home visit"u8.ToArray());
        var disclosure = await ApiCalls.PostJsonAsync(factory.ClientFor("orr", "olivia", "Vault.OrrOfficial"), "/disclosures",
            new { caseIds = new[] { caseId }, purpose = "Review" }, HttpStatusCode.Created);
        var orphan = await StoreOrphanAsync(factory, caseId);
        var foreign = Container(factory).GetBlobClient("operator-notes.txt");
        await foreign.UploadAsync(BinaryData.FromString("not the vault's"));

        var early = await ReconcileAsync(factory, TimeSpan.Zero);
        Assert.Equal(new ReconcileResult(0, 4, 2, 1, 1, 0), early);
        Assert.True(await Container(factory).GetBlobClient(orphan).ExistsAsync());

        var late = await ReconcileAsync(factory, PastGrace);
        Assert.Equal(new ReconcileResult(0, 4, 2, 0, 1, 1), late);
        Assert.False(await Container(factory).GetBlobClient(orphan).ExistsAsync());
        Assert.True(await foreign.ExistsAsync());
        Assert.Equal("home visit", await cw.GetStringAsync($"/records/{record.Id()}/content"));
        var packet = await factory.ClientFor("orr", "olivia", "Vault.OrrOfficial").GetAsync($"/disclosures/{disclosure.Id()}/packet");
        Assert.Equal(HttpStatusCode.OK, packet.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deleted_record_is_gone_for_every_reader_and_leaves_no_blob(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(cw)).Id();
        var recordId = (await ApiCalls.UploadAsync(cw, caseId, "to be deleted"u8.ToArray())).Id();
        var blobName = await BlobNameAsync(factory, recordId);

        var deleted = await factory.ClientFor("prov-a", "rm", "Vault.RecordsManager").DeleteAsync($"/records/{recordId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cw.GetAsync($"/records/{recordId}")).StatusCode);
        Assert.Equal(0, (await ApiCalls.ExpectJsonAsync(await cw.GetAsync($"/cases/{caseId}/records"), HttpStatusCode.OK)).GetArrayLength());
        Assert.False(await Container(factory).GetBlobClient(blobName).ExistsAsync());
        Assert.Equal(0, await RowsAsync(factory, recordId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deletion_interrupted_after_its_first_commit_is_hidden_at_once_and_finished_by_the_reconciler(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var rm = factory.ClientFor("prov-a", "rm", "Vault.RecordsManager");
        var caseId = (await ApiCalls.CreateCaseAsync(cw)).Id();
        var recordId = (await ApiCalls.UploadAsync(cw, caseId, "half deleted"u8.ToArray())).Id();
        var blobName = await BlobNameAsync(factory, recordId);

        // What a crash right after the delete's first commit leaves: the row marked, the blob and row still there.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Records.Where(r => r.Id == recordId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletingAt, DateTime.UtcNow));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await cw.GetAsync($"/records/{recordId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cw.GetAsync($"/records/{recordId}/content")).StatusCode);
        Assert.Equal(0, (await ApiCalls.ExpectJsonAsync(await cw.GetAsync($"/cases/{caseId}/records"), HttpStatusCode.OK)).GetArrayLength());
        var release = await rm.PostAsJsonAsync("/releases", new { recordIds = new[] { recordId }, recipient = "School", purpose = "Enrolment" });
        Assert.Equal(HttpStatusCode.NotFound, release.StatusCode);

        var result = await ReconcileAsync(factory, TimeSpan.Zero);

        Assert.Equal(1, result.DeletionsFinished);
        Assert.False(await Container(factory).GetBlobClient(blobName).ExistsAsync());
        Assert.Equal(0, await RowsAsync(factory, recordId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Upload_whose_commit_fails_midway_leaves_its_blob_to_the_reconciler(string provider)
    {
        var failing = new FailingCommit();
        await using var vault = new VaultFactory(provider);
        await using var factory = vault.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<SqliteVaultDbContext>(o => o.AddInterceptors(failing));
            services.ConfigureDbContext<PostgresVaultDbContext>(o => o.AddInterceptors(failing));
        }));
        var cw = factory.CreateClient();
        cw.DefaultRequestHeaders.Authorization = new("Bearer", vault.Token("prov-a", "cw", "Vault.Caseworker"));
        var caseId = (await ApiCalls.CreateCaseAsync(cw)).Id();

        failing.Armed = true;
        using var form = ApiCalls.RecordForm("lost commit"u8.ToArray());
        var response = await cw.PostAsync($"/cases/{caseId}/records", form);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(failing.Armed, "the commit was never attempted");
        Assert.Equal(0, await CaseRowsAsync(factory.Services, caseId));
        var orphan = Assert.Single(Container(vault).GetBlobs());
        Assert.Contains("left to the reconciler", await File.ReadAllTextAsync(vault.LogPath), StringComparison.Ordinal);

        Assert.Equal(0, (await ReconcileAsync(factory.Services, TimeSpan.Zero)).OrphansDeleted);
        Assert.Equal(1, (await ReconcileAsync(factory.Services, PastGrace)).OrphansDeleted);
        Assert.False(await Container(vault).GetBlobClient(orphan.Name).ExistsAsync());
    }

    private static Task<ReconcileResult> ReconcileAsync(VaultFactory factory, TimeSpan later) => ReconcileAsync(factory.Services, later);

    /// <summary>One run, on a clock moved <paramref name="later"/> ahead of the blobs' real write times.</summary>
    private static async Task<ReconcileResult> ReconcileAsync(IServiceProvider services, TimeSpan later)
    {
        await using var scope = services.CreateAsyncScope();
        var clock = new FakeClock(DateTimeOffset.UtcNow + later);
        return await ActivatorUtilities.CreateInstance<OrphanReconciler>(scope.ServiceProvider, (TimeProvider)clock).RunAsync(CancellationToken.None);
    }

    /// <summary>A blob stored as an upload stores it, whose row never committed.</summary>
    private static async Task<string> StoreOrphanAsync(VaultFactory factory, string caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        using var key = await scope.ServiceProvider.GetRequiredService<CaseService>().OpenKeyAsync(caseId, CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<IRecordContentStore>()
            .UploadAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("never committed")), CancellationToken.None);
    }

    private static async Task<string> BlobNameAsync(VaultFactory factory, string recordId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Records.SingleAsync(r => r.Id == recordId)).BlobName;
    }

    private static async Task<int> RowsAsync(VaultFactory factory, string recordId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Records.IgnoreQueryFilters().CountAsync(r => r.Id == recordId);
    }

    private static async Task<int> CaseRowsAsync(IServiceProvider services, string caseId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Records.IgnoreQueryFilters().CountAsync(r => r.CaseId == caseId);
    }

    private static BlobContainerClient Container(VaultFactory factory) =>
        new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(factory.Container);

    /// <summary>Fails the next commit the way a dropped connection does: the transaction's outcome is unknown to the caller.</summary>
    private sealed class FailingCommit : DbTransactionInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Armed)
            {
                Armed = false;
                throw new InvalidOperationException("The connection was lost while committing.");
            }

            return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
        }
    }
}
