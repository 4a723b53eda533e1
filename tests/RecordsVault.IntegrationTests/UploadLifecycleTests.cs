using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure.Core.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Lifecycle;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Storage;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>An upload is tied to the lifecycle: its record commits only while the case is open, on both databases.</summary>
public sealed class UploadLifecycleTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Close_landing_during_a_slow_upload_answers_409_and_keeps_neither_record_nor_blob(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var storing = new TaskCompletionSource();
        await using var vault = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton<IRecordContentStore>(
            sp => new SignallingStore(new AzureBlobRecordContentStore(sp.GetRequiredService<BlobContainerClient>()), storing))));
        // The test server's own client: the factory's default one buffers request bodies (to replay them on redirects).
        var client = vault.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", factory.Token("prov-a", "cw", "Vault.Caseworker"));
        var caseId = (await ApiCalls.CreateCaseAsync(client)).Id();
        var gate = new TaskCompletionSource();
        using var body = new GatedUpload(headBytes: 1024 * 1024, tailBytes: 1024, gate.Task);

        // Once the content is streaming into storage, the upload is past every check it makes before its commit.
        var upload = client.PostAsync($"/cases/{caseId}/records", body);
        await Task.WhenAny(storing.Task, upload, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(storing.Task.IsCompleted, upload.IsCompleted ? $"the upload ended early: {(int)(await upload).StatusCode}" : "the upload never reached storage");
        var closed = await ApiCalls.PostJsonAsync(client, $"/cases/{caseId}/close", new { servicePeriodEnd = "2025-03-01", reason = "Services ended" }, HttpStatusCode.OK);
        gate.SetResult();
        var response = await upload;

        Assert.Equal("Retained", closed.Lifecycle());
        var problem = await ApiCalls.ExpectJsonAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("AddRecord", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RecordRowsAsync(factory, caseId));
        Assert.Empty(Blobs(factory.Container));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Commit_check_fails_when_the_case_closed_after_it_was_read_but_not_when_another_upload_committed(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var client = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(client)).Id();

        // Two uploads read the open case; the first commits; the second still may.
        await using (var first = factory.Services.CreateAsyncScope())
        await using (var second = factory.Services.CreateAsyncScope())
        {
            var (firstDb, firstCase) = await RequireAddRecordAsync(first, caseId);
            var (secondDb, _) = await RequireAddRecordAsync(second, caseId);
            Assert.Equal(1, await firstDb.SaveChangesAsync());
            Assert.Equal(1, await secondDb.SaveChangesAsync());
            Assert.Equal(0, firstCase.Version); // checked, not bumped
        }

        // An upload reads the open case; a close commits; the upload's commit must fail.
        await using (var late = factory.Services.CreateAsyncScope())
        {
            var (lateDb, _) = await RequireAddRecordAsync(late, caseId);
            await ApiCalls.PostJsonAsync(client, $"/cases/{caseId}/close", new { servicePeriodEnd = "2025-03-01", reason = "Services ended" }, HttpStatusCode.OK);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => lateDb.SaveChangesAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_uploads_to_one_open_case_all_commit(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var client = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(client)).Id();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => UploadAsync(client, caseId, $"note {i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(8, await RecordRowsAsync(factory, caseId));
        Assert.Equal(8, Blobs(factory.Container).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Uploads_racing_a_close_commit_only_before_it_and_leave_no_blob_when_refused(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var client = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var committed = 0;
        for (var round = 0; round < 5; round++)
        {
            var caseId = (await ApiCalls.CreateCaseAsync(client)).Id();
            var uploads = Enumerable.Range(0, 6).Select(i => UploadAsync(client, caseId, $"round {round} note {i}")).ToList();
            await Task.Delay(20 * round);
            await CloseAsync(client, caseId);
            var responses = await Task.WhenAll(uploads);

            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
            var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
            Assert.Equal(created, await RecordRowsAsync(factory, caseId));

            // The chain orders commits: every stored upload's event comes before the close's.
            await using var scope = factory.Services.CreateAsyncScope();
            var events = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditEvents.AsNoTracking()
                .Where(e => e.CaseIds == caseId && e.Outcome == AuditOutcome.Succeeded).ToListAsync();
            var close = events.Single(e => e.Action == "case.close").Sequence;
            Assert.All(events.Where(e => e.Action == "record.upload"), e => Assert.True(e.Sequence < close, $"round {round}: upload {e.Sequence} after close {close}"));
            committed += created;
        }

        Assert.Equal(committed, Blobs(factory.Container).Count);
    }

    private static async Task<(VaultDbContext Db, Core.Cases.Case Case)> RequireAddRecordAsync(AsyncServiceScope scope, string caseId)
    {
        var lifecycle = scope.ServiceProvider.GetRequiredService<LifecycleService>();
        var target = await lifecycle.LoadAsync(caseId, CancellationToken.None);
        await lifecycle.RequireAsync(target, CaseTrigger.AddRecord, CancellationToken.None);
        return (scope.ServiceProvider.GetRequiredService<VaultDbContext>(), target);
    }

    /// <summary>A close can lose to a hold or reopen; here only uploads race it, and they never bump the case, so it wins at once.</summary>
    private static async Task CloseAsync(HttpClient client, string caseId) =>
        await ApiCalls.PostJsonAsync(client, $"/cases/{caseId}/close", new { servicePeriodEnd = "2025-03-01", reason = "Services ended" }, HttpStatusCode.OK);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string caseId, string text)
    {
        using var form = ApiCalls.RecordForm(Encoding.UTF8.GetBytes(text));
        return await client.PostAsync($"/cases/{caseId}/records", form);
    }

    private static async Task<int> RecordRowsAsync(VaultFactory factory, string caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Records.IgnoreQueryFilters().CountAsync(r => r.CaseId == caseId);
    }

    private static List<BlobItem> Blobs(string container) =>
        Container(container).GetBlobs(new GetBlobsOptions { States = BlobStates.Uncommitted }).ToList();

    private static BlobContainerClient Container(string container) =>
        new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(container);

    /// <summary>The real store, telling the test when an upload has begun streaming into it.</summary>
    private sealed class SignallingStore(AzureBlobRecordContentStore inner, TaskCompletionSource storing) : IRecordContentStore
    {
        public Task<string> UploadAsync(IKeyEncryptionKey caseKey, Stream content, CancellationToken cancellationToken)
        {
            storing.TrySetResult();
            return inner.UploadAsync(caseKey, content, cancellationToken);
        }

        public Task<Stream> OpenReadAsync(IKeyEncryptionKey caseKey, string blobName, CancellationToken cancellationToken) =>
            inner.OpenReadAsync(caseKey, blobName, cancellationToken);

        public Task DeleteAsync(string blobName, CancellationToken cancellationToken) => inner.DeleteAsync(blobName, cancellationToken);

        public IAsyncEnumerable<StoredBlob> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);
    }

    /// <summary>
    /// A multipart body sent the way a slow client sends it: the fields and most of a text file, then nothing
    /// until the gate opens, then the rest of the file.
    /// </summary>
    private sealed class GatedUpload : HttpContent
    {
        private const string Boundary = "gated-upload-boundary";
        private readonly int headBytes;
        private readonly int tailBytes;
        private readonly Task gate;

        public GatedUpload(int headBytes, int tailBytes, Task gate)
        {
            (this.headBytes, this.tailBytes, this.gate) = (headBytes, tailBytes, gate);
            Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var fields = string.Concat(new[] { ("title", "Long scan"), ("kind", "scan"), ("developedAt", "2025-02-01") }
                .Select(f => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{f.Item1}\"\r\n\r\n{f.Item2}\r\n"));
            await stream.WriteAsync(Encoding.ASCII.GetBytes(fields + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.txt\"\r\nContent-Type: text/plain\r\n\r\n"));
            await WriteTextAsync(stream, headBytes);
            await stream.FlushAsync();
            await gate;
            await WriteTextAsync(stream, tailBytes);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private static async Task WriteTextAsync(Stream stream, int count)
        {
            var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
            for (var left = count; left > 0; left -= chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, Math.Min(left, chunk.Length)));
            }
        }
    }
}
