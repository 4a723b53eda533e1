using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Storage;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>The retention path end to end, on Azurite and on each database provider.</summary>
public sealed class DispositionTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Approved_disposition_destroys_the_key_deletes_the_blobs_and_keeps_a_certificate(string provider)
    {
        await using var vault = new Vault(provider);
        var (caseId, recordId) = await vault.ArchivedCaseAsync();
        var blobName = await vault.BlobNameAsync(recordId);
        var backup = await vault.CopyBlobAsync(blobName); // a copy the vault does not know about, like a backup

        var sweep = await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        Assert.Equal(1, sweep.GetProperty("madeEligible").GetInt32());
        Assert.Equal("DispositionPending", (await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK)).Lifecycle());
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.Forbidden);
        var disposed = await ApiCalls.PostJsonAsync(vault.Rm2, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.OK);

        Assert.Equal("Disposed", disposed.Lifecycle());
        var certificate = disposed.GetProperty("disposition");
        Assert.Equal("rm1", certificate.GetProperty("requestedBy").GetString());
        Assert.Equal("rm2", certificate.GetProperty("approvedBy").GetString());
        Assert.Equal(recordId, certificate.GetProperty("records")[0].GetProperty("recordId").GetString());
        Assert.Equal("orr-guide-6.2.5", certificate.GetProperty("rules")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await vault.Cw.GetAsync($"/records/{recordId}/content")).StatusCode);
        Assert.False(await vault.Container.GetBlobClient(blobName).ExistsAsync());

        using (var scope = vault.Factory.Services.CreateScope())
        {
            var key = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().CaseKeys.SingleAsync(k => k.CaseId == caseId);
            Assert.Null(key.WrappedKey);
            await Assert.ThrowsAsync<GoneException>(() => scope.ServiceProvider.GetRequiredService<CaseKeys>().OpenAsync(key, CancellationToken.None));
        }

        // The surviving ciphertext cannot be opened: its key is gone, and no other key authenticates it.
        using var guess = new CaseKeyEncryptionKey(CaseKeys.BlobKeyId(caseId), RandomNumberGenerator.GetBytes(32));
        await Assert.ThrowsAsync<IntegrityException>(async () =>
        {
            await using var read = await new AzureBlobRecordContentStore(vault.Container).OpenReadAsync(guess, backup, CancellationToken.None);
            await read.CopyToAsync(Stream.Null);
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Held_case_survives_every_attempt_to_dispose_of_it_until_the_hold_is_released(string provider)
    {
        await using var vault = new Vault(provider);
        var (caseId, recordId) = await vault.ArchivedCaseAsync();
        var hold = (await ApiCalls.PostJsonAsync(vault.Rm1, "/holds", new { matter = "Doe v. State", reason = "Subpoena", caseIds = new[] { caseId } }, HttpStatusCode.Created)).Id();
        var second = (await ApiCalls.PostJsonAsync(vault.Orr, "/holds", new { matter = "ORR review", reason = "Audit", caseIds = new[] { caseId } }, HttpStatusCode.Created)).Id();

        var sweep = await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        Assert.Equal(0, sweep.GetProperty("madeEligible").GetInt32());
        Assert.Equal("Retained", (await vault.CaseAsync(caseId)).Lifecycle());
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.Conflict);

        // Released by prov-a, the ORR hold still holds: the case stays put.
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/holds/{second}/release", new { resolution = "mine?" }, HttpStatusCode.Forbidden);
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/holds/{hold}/release", new { resolution = "Dismissed" }, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        Assert.Equal("Retained", (await vault.CaseAsync(caseId)).Lifecycle());
        var retention = await ApiCalls.ExpectJsonAsync(await vault.Rm1.GetAsync($"/cases/{caseId}/retention"), HttpStatusCode.OK);
        Assert.Equal([second], retention.GetProperty("activeHolds").EnumerateArray().Select(h => h.GetString()));

        // A hold applied while a disposition is pending cancels it, and approval is refused.
        await ApiCalls.PostJsonAsync(vault.Orr, $"/holds/{second}/release", new { resolution = "Closed" }, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);
        var third = (await ApiCalls.PostJsonAsync(vault.Orr, "/holds", new { matter = "New claim", reason = "Notice", caseIds = new[] { caseId } }, HttpStatusCode.Created)).Id();
        Assert.Equal("EligibleForDisposition", (await vault.CaseAsync(caseId)).Lifecycle());
        await ApiCalls.PostJsonAsync(vault.Rm2, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.Conflict);
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await vault.Cw.GetAsync($"/records/{recordId}/content")).StatusCode);

        await ApiCalls.PostJsonAsync(vault.Orr, $"/holds/{third}/release", new { resolution = "Withdrawn" }, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);
        Assert.Equal("Disposed", (await ApiCalls.PostJsonAsync(vault.Rm2, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.OK)).Lifecycle());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Hold_and_approval_racing_on_one_case_never_both_win(string provider)
    {
        await using var vault = new Vault(provider);
        for (var round = 0; round < 15; round++)
        {
            var (caseId, _) = await vault.ArchivedCaseAsync();
            await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
            await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);

            var approve = vault.Rm2.PostAsJsonAsync($"/cases/{caseId}/disposition/approve", new { });
            var hold = vault.Orr.PostAsJsonAsync("/holds", new { matter = "Race", reason = "Race", caseIds = new[] { caseId } });
            var (approved, held) = ((await approve).StatusCode == HttpStatusCode.OK, (await hold).StatusCode == HttpStatusCode.Created);

            Assert.True(approved ^ held, $"round {round}: approve {(await approve).StatusCode}, hold {(await hold).StatusCode}");
            var final = await vault.CaseAsync(caseId);
            Assert.Equal(approved ? "Disposed" : "EligibleForDisposition", final.Lifecycle());
            Assert.Equal(held ? 1 : 0, final.GetProperty("activeHolds").GetArrayLength());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Disposal_interrupted_after_the_key_was_destroyed_is_finished_by_the_next_sweep(string provider)
    {
        await using var vault = new Vault(provider);
        var (caseId, recordId) = await vault.ArchivedCaseAsync();
        var blobName = await vault.BlobNameAsync(recordId);
        await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);
        var saved = await vault.CopyBlobAsync(blobName);
        await ApiCalls.PostJsonAsync(vault.Rm2, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.OK);

        // Put back the state a crash between key destruction and blob deletion would leave.
        await vault.Container.GetBlobClient(blobName).StartCopyFromUri(vault.Container.GetBlobClient(saved).Uri).WaitForCompletionAsync();
        using (var scope = vault.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            var certificate = await db.DispositionCertificates.SingleAsync(d => d.CaseId == caseId);
            certificate.BlobsDeletedAt = null;
            await db.SaveChangesAsync();
        }

        var sweep = await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);

        Assert.Equal(1, sweep.GetProperty("finishedDisposals").GetInt32());
        Assert.False(await vault.Container.GetBlobClient(blobName).ExistsAsync());
        Assert.Equal(0, (await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK)).GetProperty("finishedDisposals").GetInt32());
    }

    /// <summary>One vault with the people the retention path needs: a caseworker, two records managers and an ORR official.</summary>
    private sealed class Vault(string provider) : IAsyncDisposable
    {
        public VaultFactory Factory { get; } = new(provider);

        public HttpClient Cw => Factory.ClientFor("prov-a", "cw", "Vault.Caseworker");

        public HttpClient Rm1 => Factory.ClientFor("prov-a", "rm1", "Vault.RecordsManager");

        public HttpClient Rm2 => Factory.ClientFor("prov-a", "rm2", "Vault.RecordsManager");

        public HttpClient Orr => Factory.ClientFor("orr", "orr-official", "Vault.OrrOfficial");

        public BlobContainerClient Container =>
            new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(Factory.Container);

        /// <summary>A case served in 2015, closed on 2016-01-01: its three years ran out on 2019-01-01.</summary>
        public async Task<(string CaseId, string RecordId)> ArchivedCaseAsync()
        {
            var caseId = (await ApiCalls.CreateCaseAsync(Cw, releaseDate: "2015-01-15")).Id();
            var recordId = (await ApiCalls.UploadAsync(Cw, caseId, RandomNumberGenerator.GetBytes(64).Select(b => (byte)('a' + b % 26)).ToArray(), developedAt: "2015-06-01")).Id();
            var closed = await ApiCalls.PostJsonAsync(Cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2016-01-01", reason = "Child turned 18" }, HttpStatusCode.OK);
            Assert.Equal("2019-01-01", closed.GetProperty("retainUntil").GetString());
            return (caseId, recordId);
        }

        public async Task<JsonElement> CaseAsync(string caseId) =>
            await ApiCalls.ExpectJsonAsync(await Orr.GetAsync($"/cases/{caseId}"), HttpStatusCode.OK);

        public async Task<string> BlobNameAsync(string recordId)
        {
            using var scope = Factory.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Records.SingleAsync(r => r.Id == recordId)).BlobName;
        }

        public async Task<string> CopyBlobAsync(string blobName)
        {
            var copy = Container.GetBlobClient("copy-" + blobName);
            await (await copy.StartCopyFromUriAsync(Container.GetBlobClient(blobName).Uri)).WaitForCompletionAsync();
            return copy.Name;
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }
}
