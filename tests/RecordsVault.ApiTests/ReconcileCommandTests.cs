using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using RecordsVault.Api.Reconciliation;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary><c>./run.sh reconcile</c> runs this command: counts as JSON on stdout, what it did on stderr.</summary>
public sealed class ReconcileCommandTests
{
    [Fact]
    public async Task Reconcile_prints_its_counts_and_keeps_a_blob_younger_than_the_grace_period()
    {
        await using var factory = new VaultFactory();
        var client = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        await ApiCalls.UploadAsync(client, (await ApiCalls.CreateCaseAsync(client)).Id(), "kept"u8.ToArray());
        var young = new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(factory.Container)
            .GetBlobClient(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
        await young.UploadAsync(BinaryData.FromString("an upload whose row has not committed yet"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ReconcileCommand.RunAsync([], Configuration(factory), stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        var result = JsonDocument.Parse(stdout.ToString()).RootElement;
        Assert.Equal(2, result.GetProperty("blobsExamined").GetInt32());
        Assert.Equal(1, result.GetProperty("owned").GetInt32());
        Assert.Equal(1, result.GetProperty("withinGrace").GetInt32());
        Assert.Equal(0, result.GetProperty("orphansDeleted").GetInt32());
        Assert.Contains("0 orphan blobs deleted", stderr.ToString(), StringComparison.Ordinal);
        Assert.True(await young.ExistsAsync());
    }

    [Fact]
    public async Task Reconcile_with_arguments_prints_its_usage_and_exits_2()
    {
        using var stderr = new StringWriter();

        var exit = await ReconcileCommand.RunAsync(["now"], new ConfigurationBuilder().Build(), TextWriter.Null, stderr);

        Assert.Equal(2, exit);
        Assert.Contains(ReconcileCommand.Usage, stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Vault:Reconciler:Grace", "00:00:30")]
    [InlineData("Vault:Reconciler:Period", "00:00:00")]
    public async Task Bad_reconciler_setting_stops_the_service_and_the_command_naming_it(string key, string value)
    {
        using (var factory = new VaultFactory(settings: new Dictionary<string, string> { [key] = value }))
        {
            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
        }

        await using var running = new VaultFactory();
        running.CreateClient().Dispose();
        using var stderr = new StringWriter();
        var configuration = new ConfigurationBuilder().AddConfiguration(Configuration(running))
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.Equal(2, await ReconcileCommand.RunAsync([], configuration, TextWriter.Null, stderr));
        Assert.Contains(key, stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>What <c>./run.sh</c> hands the command: the vault's data folder, database and blob storage.</summary>
    private static IConfiguration Configuration(VaultFactory factory) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Vault:DataPath"] = factory.DataPath,
        ["Vault:Blob:ConnectionString"] = TestEnvironment.AzuriteConnectionString,
        ["Vault:Blob:Container"] = factory.Container,
        ["Vault:Audit:CheckpointContainer"] = factory.CheckpointContainer,
    }).Build();
}
