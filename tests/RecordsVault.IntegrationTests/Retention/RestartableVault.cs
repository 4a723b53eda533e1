using System.Net;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.Retention;

/// <summary>
/// A vault that can be restarted on the same database, blob container and keys with other policy files,
/// as an operator does after adding or changing a rule.
/// </summary>
public sealed class RestartableVault : IAsyncDisposable
{
    public const string Federal =
        "rules:\n  - id: orr-guide-6.2.5\n    jurisdiction: federal\n    citation: \"ORR Guide 6.2.5\"\n    anchor: servicePeriodEnd\n    years: 3\n    months: 0\n";

    private readonly Dictionary<string, string> storage;

    public RestartableVault(string provider)
    {
        storage = new()
        {
            ["Vault:DataPath"] = TestEnvironment.NewDataPath(),
            ["Vault:Blob:Container"] = TestEnvironment.NewContainerName(),
            ["Vault:Audit:CheckpointContainer"] = TestEnvironment.NewContainerName(),
        };
        if (provider == "Postgres")
        {
            storage["Vault:Database:ConnectionString"] = TestEnvironment.NewPostgresDatabase();
        }

        Provider = provider;
        Factory = Start(Federal);
    }

    public string Provider { get; }

    public VaultFactory Factory { get; private set; }

    public HttpClient Cw => Factory.ClientFor("prov-a", "cw", "Vault.Caseworker");

    public HttpClient Rm1 => Factory.ClientFor("prov-a", "rm1", "Vault.RecordsManager");

    public HttpClient Rm2 => Factory.ClientFor("prov-a", "rm2", "Vault.RecordsManager");

    public HttpClient Orr => Factory.ClientFor("orr", "orr-official", "Vault.OrrOfficial");

    /// <summary>Stops the vault and starts it again on the same data, with the federal rule and <paramref name="stateRules"/>.</summary>
    public async Task RestartWithAsync(string stateRules)
    {
        await Factory.DisposeAsync();
        Factory = Start(Federal, stateRules);
    }

    /// <summary>A TX case of a child born 2010-06-01, served in 2015, closed on 2016-01-01: three years ran out on 2019-01-01.</summary>
    public async Task<(string CaseId, string RecordId)> ArchivedCaseAsync()
    {
        var caseId = (await ApiCalls.CreateCaseAsync(Cw, releaseDate: "2015-01-15")).Id();
        var recordId = (await ApiCalls.UploadAsync(Cw, caseId, "Case closure report"u8.ToArray(), developedAt: "2015-06-01")).Id();
        var closed = await ApiCalls.PostJsonAsync(Cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2016-01-01", reason = "Services concluded" }, HttpStatusCode.OK);
        Assert.Equal("2019-01-01", closed.GetProperty("retainUntil").GetString());
        return (caseId, recordId);
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    private VaultFactory Start(params string[] policyFiles)
    {
        var folder = TestEnvironment.NewDataPath();
        for (var i = 0; i < policyFiles.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"rules-{i}.yaml"), policyFiles[i]);
        }

        var settings = new Dictionary<string, string>(storage)
        {
            ["Vault:PoliciesPath"] = folder,

            // A token key of its own per start: IdentityModel caches signers by key id, process-wide, and
            // the previous start's signer holds a disposed key.
            ["Vault:Identity:SigningKeyPath"] = Path.Combine(folder, "token-signing.pem"),
        };
        var factory = new VaultFactory(Provider, settings);
        _ = factory.Server; // starts it now, so a restart is complete before the test goes on
        return factory;
    }
}
