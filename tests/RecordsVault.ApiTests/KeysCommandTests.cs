using System.Text.Json;
using Microsoft.Extensions.Configuration;
using RecordsVault.Api.Keys;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary><c>./run.sh keys ...</c> runs this command beside a running vault: status, rotate, retire, and their refusals.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task Rotate_then_retire_the_old_version_while_the_vault_serves_its_records()
    {
        await using var factory = new VaultFactory();
        var client = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(client)).Id();
        var content = "Home visit: all well."u8.ToArray();
        var recordId = (await ApiCalls.UploadAsync(client, caseId, content)).Id();

        var (exit, status, statusErr) = await RunAsync(factory, "status");
        Assert.True(exit == 0, statusErr);
        var old = Assert.Single(status.Split('\n'), line => line.Contains("local:", StringComparison.Ordinal));
        Assert.Contains("yes", old, StringComparison.Ordinal);
        var oldId = old.Split(' ', StringSplitOptions.RemoveEmptyEntries).Single(w => w.StartsWith("local:", StringComparison.Ordinal));

        (exit, var rotated, var rotateErr) = await RunAsync(factory, "rotate", "--batch-size", "5");
        Assert.True(exit == 0, rotateErr);
        var result = JsonDocument.Parse(rotated).RootElement;
        Assert.Equal(1, result.GetProperty("rewrapped").GetInt64());
        Assert.Equal(0, result.GetProperty("remaining").GetInt64());
        Assert.NotEqual(oldId, result.GetProperty("currentVersion").GetString());

        (exit, _, var refusal) = await RunAsync(factory, "retire", result.GetProperty("currentVersion").GetString()!);
        Assert.Equal(1, exit);
        Assert.Contains("is the current KEK version", refusal, StringComparison.Ordinal);

        (exit, _, var retireErr) = await RunAsync(factory, "retire", oldId);
        Assert.True(exit == 0, retireErr);
        Assert.Contains($"KEK version {oldId} retired", retireErr, StringComparison.Ordinal);
        Assert.Equal(content, await client.GetByteArrayAsync(new Uri($"/records/{recordId}/content", UriKind.Relative)));
        (_, status, _) = await RunAsync(factory, "status");
        Assert.DoesNotContain(oldId, status, StringComparison.Ordinal);

        (exit, var signing, var signingErr) = await RunAsync(factory, "rotate", "--signing");
        Assert.True(exit == 0, signingErr);
        Assert.StartsWith("local-signing:", JsonDocument.Parse(signing).RootElement.GetProperty("signingKey").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("retire")]
    [InlineData("rotate", "--batch-size", "0")]
    [InlineData("spin")]
    public async Task Bad_usage_prints_the_usage_and_exits_2(params string[] args)
    {
        using var stderr = new StringWriter();

        Assert.Equal(2, await KeysCommand.RunAsync(args, new ConfigurationBuilder().Build(), TextWriter.Null, stderr));
        Assert.Contains(KeysCommand.Usage, stderr.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(VaultFactory factory, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await KeysCommand.RunAsync(args, Configuration(factory), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static IConfiguration Configuration(VaultFactory factory) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Vault:DataPath"] = factory.DataPath,
        ["Vault:Blob:ConnectionString"] = TestEnvironment.AzuriteConnectionString,
        ["Vault:Blob:Container"] = factory.Container,
        ["Vault:Audit:CheckpointContainer"] = factory.CheckpointContainer,
        ["Vault:Keys:RetireGracePeriod"] = "00:00:00",
    }).Build();
}
