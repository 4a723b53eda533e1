using System.Text;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>One running API per test class, with a prov-a case holding one record.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public VaultFactory Factory { get; } = new();

    public string CaseId { get; private set; } = string.Empty;

    public string RecordId { get; private set; } = string.Empty;

    public static byte[] RecordContent { get; } = Encoding.UTF8.GetBytes("Visita domiciliaria: el niño está bien.");

    public HttpClient Client(string role, string org, string sub = "tester") => Factory.ClientFor(org, sub, role);

    public async Task InitializeAsync()
    {
        var client = Client("Vault.Caseworker", "prov-a");
        CaseId = (await ApiCalls.CreateCaseAsync(client)).Id();
        RecordId = (await ApiCalls.UploadAsync(client, CaseId, RecordContent)).Id();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
