using System.Net.Http.Json;
using System.Text;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>One running API per test class, with a prov-a case holding one record.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public VaultFactory Factory { get; } = new();

    public string CaseId { get; private set; } = string.Empty;

    public string RecordId { get; private set; } = string.Empty;

    /// <summary>Requested by the OrrOfficial "tester" for the OrrDesignee "tester".</summary>
    public string DisclosureId { get; private set; } = string.Empty;

    /// <summary>A prov-a release of the fixture's (grantee) record.</summary>
    public string ReleaseId { get; private set; } = string.Empty;

    public static byte[] RecordContent { get; } = Encoding.UTF8.GetBytes("Visita domiciliaria: el niño está bien.");

    public HttpClient Client(string role, string org, string sub = "tester") => Factory.ClientFor(org, sub, role);

    public HttpClient Client(string[] roles, string org, string sub = "tester") => Factory.ClientFor(org, sub, roles);

    public async Task InitializeAsync()
    {
        var client = Client("Vault.Caseworker", "prov-a");
        CaseId = (await ApiCalls.CreateCaseAsync(client)).Id();
        RecordId = (await ApiCalls.UploadAsync(client, CaseId, RecordContent)).Id();
        DisclosureId = (await ApiCalls.PostJsonAsync(Client("Vault.OrrOfficial", "orr"), "/disclosures",
            new { caseIds = new[] { CaseId }, purpose = "Fixture", designee = "tester" }, System.Net.HttpStatusCode.Created)).Id();
        ReleaseId = (await ApiCalls.PostJsonAsync(Client("Vault.RecordsManager", "prov-a"), "/releases",
            new { recordIds = new[] { RecordId }, recipient = "School", purpose = "Fixture" }, System.Net.HttpStatusCode.Created)).Id();
    }

    /// <summary>A fresh hold, applied by prov-a's records manager to a fresh prov-a case.</summary>
    public async Task<string> NewHoldAsync()
    {
        var caseId = (await ApiCalls.CreateCaseAsync(Client("Vault.Caseworker", "prov-a"))).Id();
        var response = await Client("Vault.RecordsManager", "prov-a", "rm-fixture").PostAsJsonAsync("/holds", new
        {
            matter = "Fixture matter", reason = "Fixture", caseIds = new[] { caseId },
        });
        return (await ApiCalls.ExpectJsonAsync(response, System.Net.HttpStatusCode.Created)).Id();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
