using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyRotation;

/// <summary>Audit checkpoints belong to one chain and its registered signing key versions: rotation and shared storage never break them.</summary>
public sealed class CheckpointChainTests
{
    [Fact]
    public async Task Rotating_the_signing_key_between_checkpoints_keeps_the_trail_verifiable()
    {
        await using var vault = Start();
        await ActAsync(vault);
        var first = await CheckpointAsync(vault);
        var rotated = await vault.Services.GetRequiredService<Infrastructure.Keys.Rotation.KekRotation>().RotateSigningKeyAsync("cli:test", CancellationToken.None);
        await ActAsync(vault);
        var second = await CheckpointAsync(vault);

        Assert.Equal(rotated, second.KeyId);
        Assert.NotEqual(first.KeyId, second.KeyId);
        Assert.Equal(first.ChainId, second.ChainId);
        var result = await VerifyAsync(vault);
        Assert.True(result.Valid, result.ToString());
        Assert.Equal(2, result.Checkpoints);
        var names = await BlobNamesAsync(vault, vault.CheckpointContainer);
        Assert.All(names, n => Assert.StartsWith($"chains/{first.ChainId}/", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_vaults_writing_checkpoints_into_one_container_both_verify()
    {
        var shared = TestEnvironment.NewContainerName();
        await using var one = Start(shared);
        await using var two = Start(shared);
        await ActAsync(one);
        await ActAsync(two);

        var a = await CheckpointAsync(one);
        var b = await CheckpointAsync(two);

        Assert.NotEqual(a.ChainId, b.ChainId);
        Assert.Equal((true, 1), ((await VerifyAsync(one)).Valid, (await VerifyAsync(one)).Checkpoints));
        Assert.Equal((true, 1), ((await VerifyAsync(two)).Valid, (await VerifyAsync(two)).Checkpoints));
    }

    [Fact]
    public async Task A_checkpoint_signed_by_a_key_version_the_chain_never_registered_fails_verification()
    {
        await using var vault = Start();
        await ActAsync(vault);
        var genuine = await CheckpointAsync(vault);

        // A new signing version made beside the vault (the key files are on this host), never used by the checkpointer.
        using var beside = new LocalKeyProvider(Path.Combine(vault.DataPath, "keys"));
        await beside.RotateSigningKeyAsync(CancellationToken.None);
        var time = genuine.Time.AddSeconds(1);
        var signature = await beside.SignAsync(AuditCheckpoint.SignedBytes(genuine.ChainId!, genuine.Sequence, genuine.Hash, time), CancellationToken.None);
        var forged = genuine with { Time = time, KeyId = signature.KeyId, Signature = Convert.ToBase64String(signature.Value) };
        Assert.True(await beside.VerifyAsync(forged.KeyId, forged.SignedBytes(), signature.Value, CancellationToken.None)); // the signature itself is sound
        await AppendAsync(vault, AuditCheckpointStore.ChainPrefix(genuine.ChainId!) + "forged.jsonl", forged);

        var result = await VerifyAsync(vault);

        Assert.False(result.Valid);
        Assert.Equal(genuine.Sequence, result.FirstInvalidSequence);
    }

    [Fact]
    public async Task A_checkpoint_from_before_chain_ids_still_verifies_and_registers_its_key()
    {
        await using var vault = Start();
        await ActAsync(vault);
        AuditChainHead head;
        using (var scope = vault.Services.CreateScope())
        {
            head = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditChainHeads.AsNoTracking().SingleAsync();
        }

        Assert.Null(head.ChainId); // no checkpoint yet: the chain has no id, as after the upgrade
        var keys = vault.Services.GetRequiredService<IKeyProvider>();
        var time = AuditChain.ToPrecision(DateTime.UtcNow);
        var signature = await keys.SignAsync(AuditCheckpoint.SignedBytes(head.LastSequence, head.LastHash, time), CancellationToken.None);
        var legacy = new AuditCheckpoint(head.LastSequence, head.LastHash, time, signature.KeyId, Convert.ToBase64String(signature.Value));
        await AppendAsync(vault, AuditCheckpointStore.Prefix + "2026/11/23/20.jsonl", legacy);

        var result = await VerifyAsync(vault);

        Assert.True(result.Valid, result.ToString());
        Assert.Equal(1, result.Checkpoints);
        using var check = vault.Services.CreateScope();
        Assert.Contains(signature.KeyId, await check.ServiceProvider.GetRequiredService<AuditChainKeys>().RegisteredAsync(CancellationToken.None));
    }

    private static VaultFactory Start(string? checkpointContainer = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Vault:Audit:CheckpointEvery"] = "1000000",
            ["Vault:Audit:CheckpointInterval"] = "1.00:00:00",
        };
        if (checkpointContainer is not null)
        {
            settings["Vault:Audit:CheckpointContainer"] = checkpointContainer;
        }

        return new VaultFactory("Sqlite", settings);
    }

    private static async Task ActAsync(VaultFactory vault)
    {
        var cw = vault.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(cw)).Id();
        await cw.GetStringAsync($"/cases/{caseId}");
    }

    private static async Task<AuditCheckpoint> CheckpointAsync(VaultFactory vault) =>
        await vault.Services.GetRequiredService<AuditCheckpointer>().WriteAsync(CancellationToken.None)
        ?? throw new InvalidOperationException("nothing to sign");

    private static async Task<AuditVerification> VerifyAsync(VaultFactory vault)
    {
        await using var scope = vault.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, CancellationToken.None);
    }

    private static BlobContainerClient Container(VaultFactory vault) =>
        new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(vault.Services.GetRequiredService<AuditCheckpointStore>().ContainerName);

    private static async Task<List<string>> BlobNamesAsync(VaultFactory vault, string container)
    {
        Assert.Equal(container, Container(vault).Name);
        var names = new List<string>();
        await foreach (var blob in Container(vault).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static async Task AppendAsync(VaultFactory vault, string blobName, AuditCheckpoint checkpoint)
    {
        var blob = Container(vault).GetAppendBlobClient(blobName);
        await blob.CreateIfNotExistsAsync();
        using var line = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(checkpoint, JsonSerializerOptions.Web) + "\n"));
        await blob.AppendBlockAsync(line);
    }
}
