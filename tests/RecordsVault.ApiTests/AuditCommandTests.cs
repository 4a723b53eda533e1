using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using RecordsVault.Api.Audit;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary><c>./run.sh audit verify</c> runs this command: the result as JSON on stdout, a sentence on stderr, 0 or 1.</summary>
public sealed class AuditCommandTests
{
    [Fact]
    public async Task Verify_passes_a_genuine_trail_and_fails_a_tampered_one()
    {
        await using var factory = new VaultFactory();
        var client = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(client)).Id();
        await client.GetAsync(new Uri($"/cases/{caseId}", UriKind.Relative));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await AuditCommand.RunAsync(["verify"], Configuration(factory), stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        var result = JsonDocument.Parse(stdout.ToString()).RootElement;
        Assert.True(result.GetProperty("valid").GetBoolean());
        Assert.True(result.GetProperty("events").GetInt64() >= 2);
        Assert.Contains("audit trail valid", stderr.ToString(), StringComparison.Ordinal);

        await using (var db = new SqliteConnection($"Data Source={Path.Combine(factory.DataPath, "vault.db")}"))
        {
            await db.OpenAsync();
            await using var tamper = db.CreateCommand();
            tamper.CommandText = """UPDATE "AuditEvents" SET "ActorSub" = 'someone-else' WHERE "Sequence" = 1""";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        using var tamperedOut = new StringWriter();
        using var tamperedErr = new StringWriter();
        Assert.Equal(1, await AuditCommand.RunAsync(["verify"], Configuration(factory), tamperedOut, tamperedErr));
        Assert.False(JsonDocument.Parse(tamperedOut.ToString()).RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains("audit trail INVALID: first invalid sequence 1", tamperedErr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_without_its_subcommand_prints_its_usage_and_exits_2()
    {
        using var stderr = new StringWriter();

        Assert.Equal(2, await AuditCommand.RunAsync([], new ConfigurationBuilder().Build(), TextWriter.Null, stderr));
        Assert.Contains(AuditCommand.Usage, stderr.ToString(), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(VaultFactory factory) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Vault:DataPath"] = factory.DataPath,
        ["Vault:Blob:ConnectionString"] = TestEnvironment.AzuriteConnectionString,
        ["Vault:Blob:Container"] = factory.Container,
        ["Vault:Audit:CheckpointContainer"] = factory.CheckpointContainer,
    }).Build();
}
