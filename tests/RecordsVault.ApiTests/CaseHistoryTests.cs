using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary><c>GET /cases/{id}/history</c>: the people who work on a case see what happened to it, and nothing an auditor alone should see.</summary>
public sealed class CaseHistoryTests
{
    [Fact]
    public async Task A_caseworker_sees_the_cases_events_newest_first_without_addresses_or_hashes_and_pages_back()
    {
        await using var vault = new VaultFactory();
        var caseworker = vault.ClientFor("prov-a", "cw-1", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(caseworker)).Id();
        var recordId = (await ApiCalls.UploadAsync(caseworker, caseId, "Visit note."u8.ToArray())).Id();
        await caseworker.GetAsync($"/records/{recordId}/content");

        var history = await caseworker.GetFromJsonAsync<JsonElement>($"/cases/{caseId}/history?pageSize=2");

        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["record.content", "record.upload"], items.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(recordId, items[0].GetProperty("recordId").GetString());
        Assert.Equal("cw-1", items[0].GetProperty("actor").GetString());
        Assert.False(items[0].TryGetProperty("clientAddress", out _));
        Assert.False(items[0].TryGetProperty("hash", out _));
        var older = await caseworker.GetFromJsonAsync<JsonElement>($"/cases/{caseId}/history?before={history.GetProperty("next").GetInt64()}");
        Assert.Contains(older.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "case.create");
    }

    [Fact]
    public async Task Another_organization_gets_404_and_an_auditor_of_the_same_one_403()
    {
        await using var vault = new VaultFactory();
        var caseId = (await ApiCalls.CreateCaseAsync(vault.ClientFor("prov-a", "cw-1", "Vault.Caseworker"))).Id();

        Assert.Equal(HttpStatusCode.NotFound, (await vault.ClientFor("prov-b", "cw-2", "Vault.Caseworker").GetAsync($"/cases/{caseId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vault.ClientFor("prov-a", "aud-1", "Vault.Auditor").GetAsync($"/cases/{caseId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vault.ClientFor("orr", "orr-1", "Vault.OrrOfficial").GetAsync($"/cases/{caseId}/history")).StatusCode);
    }
}
