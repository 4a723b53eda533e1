using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Cases;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>The audit chain and its signed checkpoints against tampering, on Azurite and on each database provider.</summary>
public sealed class AuditChainTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Untouched_chain_verifies_with_its_checkpoints(string provider)
    {
        await using var vault = await AuditedVault.StartAsync(provider);
        await vault.CheckpointAsync();
        await vault.ActAsync();
        await vault.CheckpointAsync();

        var result = await vault.VerifyAsync();

        Assert.Equal(new AuditVerification(true, vault.Events, null, 2), result);
        var overHttp = await ApiCalls.ExpectJsonAsync(await vault.Orr.GetAsync("/audit/verify"), HttpStatusCode.OK);
        Assert.True(overHttp.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, overHttp.GetProperty("firstInvalidSequence").ValueKind);
    }

    [Fact]
    public async Task A_chain_longer_than_two_read_batches_verifies_whole_and_an_edit_in_the_last_batch_is_found()
    {
        await using var vault = await AuditedVault.StartAsync("Sqlite");
        var length = await AuditSeeder.SeedAsync(Path.Combine(vault.Factory.DataPath, "vault.db"), 25_000, CancellationToken.None);

        Assert.Equal(new AuditVerification(true, length, null, 0), await vault.VerifyAsync());
        await vault.SqlAsync("""UPDATE "AuditEvents" SET "ActorSub" = 'someone-else' WHERE "Sequence" = 24000""");
        Assert.Equal(new AuditVerification(false, length, 24000, 0), await vault.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Edited_field_is_reported_at_its_sequence(string provider)
    {
        await using var vault = await AuditedVault.StartAsync(provider);

        await vault.SqlAsync("""UPDATE "AuditEvents" SET "ActorSub" = 'someone-else' WHERE "Sequence" = 3""");

        Assert.Equal(new AuditVerification(false, vault.Events, 3, 0), await vault.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deleted_event_is_detected(string provider)
    {
        await using var vault = await AuditedVault.StartAsync(provider);

        await vault.SqlAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" = 4""");

        var result = await vault.VerifyAsync();
        Assert.False(result.Valid);
        Assert.Equal(4, result.FirstInvalidSequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deleted_last_events_are_detected_through_a_checkpoint_even_with_the_head_moved_back(string provider)
    {
        await using var vault = await AuditedVault.StartAsync(provider);
        var signed = await vault.CheckpointAsync();
        var last = await vault.EventAsync(signed.Sequence - 1);

        await vault.SqlAsync($"""DELETE FROM "AuditEvents" WHERE "Sequence" = {signed.Sequence}""");
        await vault.SqlAsync($"""UPDATE "AuditChainHeads" SET "LastSequence" = {last.Sequence}, "LastHash" = '{last.Hash}'""");

        Assert.Equal(signed.Sequence, (await vault.VerifyAsync()).FirstInvalidSequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reordered_pair_of_events_is_detected(string provider)
    {
        await using var vault = await AuditedVault.StartAsync(provider);

        await vault.SqlAsync("""UPDATE "AuditEvents" SET "Sequence" = -1 WHERE "Sequence" = 3""");
        await vault.SqlAsync("""UPDATE "AuditEvents" SET "Sequence" = 3 WHERE "Sequence" = 4""");
        await vault.SqlAsync("""UPDATE "AuditEvents" SET "Sequence" = 4 WHERE "Sequence" = -1""");

        var result = await vault.VerifyAsync();
        Assert.False(result.Valid);
        Assert.Equal(3, result.FirstInvalidSequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Edit_with_every_later_hash_recomputed_is_caught_by_the_signed_checkpoint(string provider)
    {
        await using var vault = await AuditedVault.StartAsync(provider);
        var signed = await vault.CheckpointAsync();
        await vault.ActAsync();

        // A database administrator rewrites event 2 and repairs the chain after it, head included.
        await vault.SqlAsync("""UPDATE "AuditEvents" SET "Outcome" = 'Denied' WHERE "Sequence" = 2""");
        await vault.RecomputeChainFromAsync(2);

        var result = await vault.VerifyAsync();
        Assert.False(result.Valid);
        Assert.Equal(signed.Sequence, result.FirstInvalidSequence); // the first checkpoint after the edit
        Assert.Equal(new AuditVerification(true, result.Events, null, 0), await vault.VerifyChainOnlyAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Forged_checkpoint_signature_is_detected(string provider)
    {
        await using var vault = await AuditedVault.StartAsync(provider);
        var genuine = await vault.CheckpointAsync();

        // The true sequence and hash, under the vault's key id, but signed with a key the forger made up.
        using var forger = RSA.Create(3072);
        var forged = genuine with
        {
            Time = genuine.Time.AddSeconds(1),
            Signature = Convert.ToBase64String(forger.SignData(
                AuditCheckpoint.SignedBytes(genuine.Sequence, genuine.Hash, genuine.Time.AddSeconds(1)), HashAlgorithmName.SHA256, RSASignaturePadding.Pss)),
        };
        await vault.AppendCheckpointLineAsync(JsonSerializer.Serialize(forged, JsonSerializerOptions.Web));

        var result = await vault.VerifyAsync();
        Assert.False(result.Valid);
        Assert.Equal(genuine.Sequence, result.FirstInvalidSequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Parallel_requests_build_one_linear_verifiable_chain(string provider)
    {
        await using var vault = await AuditedVault.StartAsync(provider);
        var before = await vault.HeadSequenceAsync();
        var caseId = (await ApiCalls.CreateCaseAsync(vault.Cw)).Id();

        var responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(i => i % 4 == 0
            ? vault.Cw.PostAsJsonAsync("/cases", new { caseNumber = "P-" + Guid.NewGuid().ToString("N")[..10], state = "TX", releaseDate = "2025-01-15", childDateOfBirth = "2010-06-01", prsType = "Tvpra", prsLevel = 1 })
            : vault.Cw.GetAsync($"/cases/{caseId}")));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        Assert.Equal(before + 1 + responses.Length, await vault.HeadSequenceAsync());
        var result = await vault.VerifyAsync();
        Assert.True(result.Valid, $"first invalid: {result.FirstInvalidSequence}");
        Assert.Equal(before + 1 + responses.Length, result.Events);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Failed_change_leaves_no_event_and_its_failure_is_recorded_once(string provider)
    {
        await using var vault = await AuditedVault.StartAsync(provider);
        var existing = await ApiCalls.CreateCaseAsync(vault.Cw);
        var before = await vault.HeadSequenceAsync();

        await using (var scope = vault.Factory.Services.CreateAsyncScope())
        {
            var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            trail.Begin("case.create", () => new AuditActor("cw", "prov-a", ["Vault.Caseworker"]), "127.0.0.1", "req-failing");
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            db.Cases.Add(new Case
            {
                Id = Guid.NewGuid().ToString(), OrganizationId = "prov-a", CaseNumber = existing.GetProperty("caseNumber").GetString()!, State = "TX",
                ReleaseDate = new DateOnly(2025, 1, 15), ChildDateOfBirth = new DateOnly(2010, 6, 1), CreatedBy = "cw",
            });

            // The unique case number fails the insert: neither the case nor its event may land.
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(before, await vault.HeadSequenceAsync());

            await db.AppendAuditAsync(AuditOutcome.Failed, CancellationToken.None);
            await db.AppendAuditAsync(AuditOutcome.Failed, CancellationToken.None);
        }

        var failed = await vault.EventAsync(before + 1);
        Assert.Equal((AuditOutcome.Failed, "req-failing"), (failed.Outcome, failed.RequestId));
        Assert.Equal(before + 1, await vault.HeadSequenceAsync());
        Assert.True((await vault.VerifyAsync()).Valid);
    }

    /// <summary>A vault with a few audited actions behind it, and the tools to inspect and tamper with its trail.</summary>
    private sealed class AuditedVault(VaultFactory factory) : IAsyncDisposable
    {
        public VaultFactory Factory { get; } = factory;

        public HttpClient Cw { get; } = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");

        public HttpClient Orr { get; } = factory.ClientFor("orr", "orr-official", "Vault.OrrOfficial");

        public long Events { get; private set; }

        public static async Task<AuditedVault> StartAsync(string provider)
        {
            var vault = new AuditedVault(new VaultFactory(provider, new Dictionary<string, string>
            {
                ["Vault:Audit:CheckpointEvery"] = "1000000",
                ["Vault:Audit:CheckpointInterval"] = "1.00:00:00",
            }));
            await vault.ActAsync();
            return vault;
        }

        /// <summary>A create, an upload, reads and a denied read: at least five events.</summary>
        public async Task ActAsync()
        {
            var caseId = (await ApiCalls.CreateCaseAsync(Cw)).Id();
            var recordId = (await ApiCalls.UploadAsync(Cw, caseId, "visit"u8.ToArray())).Id();
            await Cw.GetStringAsync($"/cases/{caseId}");
            await Cw.GetByteArrayAsync($"/records/{recordId}/content");
            await Factory.ClientFor("prov-b", "other", "Vault.Caseworker").GetAsync($"/cases/{caseId}");
            Events = await HeadSequenceAsync();
        }

        public async Task<AuditCheckpoint> CheckpointAsync() =>
            await Factory.Services.GetRequiredService<AuditCheckpointer>().WriteAsync(CancellationToken.None)
            ?? throw new InvalidOperationException("nothing to sign");

        public async Task<AuditVerification> VerifyAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, CancellationToken.None);
        }

        /// <summary>The same verifier without the checkpoint container: what the database alone can prove.</summary>
        public async Task<AuditVerification> VerifyChainOnlyAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var empty = new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(TestEnvironment.NewContainerName());
            await empty.CreateAsync();
            var (db, store, keys) = (scope.ServiceProvider.GetRequiredService<VaultDbContext>(), new AuditCheckpointStore(empty), scope.ServiceProvider.GetRequiredService<IKeyProvider>());
            var verifier = new AuditVerifier(db, store, keys, new AuditChainKeys(db, store, keys, TimeProvider.System));
            return await verifier.VerifyAsync(null, CancellationToken.None);
        }

        public async Task SqlAsync(string sql)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Database.ExecuteSqlRawAsync(sql);
        }

        public async Task<long> HeadSequenceAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditChainHeads.AsNoTracking().SingleAsync()).LastSequence;
        }

        public async Task<AuditEvent> EventAsync(long sequence)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == sequence);
        }

        /// <summary>What an attacker with write access to the database does to hide an edit: rehash everything after it.</summary>
        public async Task RecomputeChainFromAsync(long sequence)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence >= sequence - 1).OrderBy(e => e.Sequence).ToListAsync();
            var previous = events[0].Hash;
            foreach (var e in events.Skip(1))
            {
                var hash = AuditChain.ComputeHash(e, previous);
                var linkedTo = previous;
                await db.AuditEvents.Where(x => x.Sequence == e.Sequence)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.PreviousHash, linkedTo).SetProperty(x => x.Hash, hash));
                previous = hash;
            }

            await db.AuditChainHeads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastHash, previous));
        }

        public async Task AppendCheckpointLineAsync(string line)
        {
            var blob = new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(Factory.CheckpointContainer)
                .GetAppendBlobClient(AuditCheckpointStore.Prefix + "forged.jsonl");
            await blob.CreateIfNotExistsAsync();
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
            await blob.AppendBlockAsync(content);
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }
}
