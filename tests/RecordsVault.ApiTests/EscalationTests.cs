using System.Net;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>Two vaults, one per database, each with a prov-a case holding one record.</summary>
public sealed class TwoDatabases : IAsyncLifetime
{
    public Dictionary<string, (VaultFactory Factory, string CaseId, string RecordId)> Vaults { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var provider in new[] { "Sqlite", "Postgres" })
        {
            var factory = new VaultFactory(provider);
            var caseworker = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
            var caseId = (await ApiCalls.CreateCaseAsync(caseworker)).Id();
            var recordId = (await ApiCalls.UploadAsync(caseworker, caseId, "Nota de visita"u8.ToArray())).Id();
            Vaults[provider] = (factory, caseId, recordId);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (factory, _, _) in Vaults.Values)
        {
            await factory.DisposeAsync();
        }
    }
}

/// <summary>
/// The escalations found by trying the vault as a new user would: an ORR auditor's reach over every
/// organization must never lend itself to another role the same token carries.
/// </summary>
public sealed class EscalationTests(TwoDatabases vaults) : IClassFixture<TwoDatabases>
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Orr_auditor_and_records_manager_cannot_delete_a_providers_record(string provider)
    {
        var (factory, _, recordId) = vaults.Vaults[provider];
        var escalating = factory.ClientFor("orr", "eve", "Vault.Auditor", "Vault.RecordsManager");

        var response = await escalating.DeleteAsync($"/records/{recordId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var owner = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/records/{recordId}/content")).StatusCode);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Orr_auditor_and_caseworker_cannot_upload_into_a_providers_case(string provider)
    {
        var (factory, caseId, _) = vaults.Vaults[provider];
        var escalating = factory.ClientFor("orr", "eve", "Vault.Auditor", "Vault.Caseworker");

        using var form = ApiCalls.RecordForm("planted"u8.ToArray());
        var response = await escalating.PostAsync($"/cases/{caseId}/records", form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var owner = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var records = await ApiCalls.ExpectJsonAsync(await owner.GetAsync($"/cases/{caseId}/records"), HttpStatusCode.OK);
        Assert.Equal(1, records.GetArrayLength());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Orr_auditor_and_caseworker_cannot_read_a_providers_record_content(string provider)
    {
        var (factory, _, recordId) = vaults.Vaults[provider];
        var escalating = factory.ClientFor("orr", "eve", "Vault.Auditor", "Vault.Caseworker");

        var response = await escalating.GetAsync($"/records/{recordId}/content");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Orr_auditor_still_reads_the_providers_retention_and_audit(string provider)
    {
        var (factory, caseId, _) = vaults.Vaults[provider];
        var auditor = factory.ClientFor("orr", "eve", "Vault.Auditor", "Vault.Caseworker");

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/cases/{caseId}/retention")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/audit?caseId={caseId}")).StatusCode);
    }
}
