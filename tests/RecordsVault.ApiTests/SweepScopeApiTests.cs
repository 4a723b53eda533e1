using System.Net;
using System.Text.Json;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>POST /retention/sweep covers the organizations the caller's grant reaches, and its counts cover only them.</summary>
public sealed class SweepScopeApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_providers_records_manager_sweeps_only_its_own_organization()
    {
        var dueA = await DueCaseAsync("prov-a");
        var dueB = await DueCaseAsync("prov-b");

        var swept = await SweepAsync(fixture.Client("Vault.RecordsManager", "prov-b"));

        Assert.Equal(1, swept.GetProperty("madeEligible").GetInt32());
        Assert.Equal("Retained", await LifecycleAsync("prov-a", dueA));
        Assert.Equal("EligibleForDisposition", await LifecycleAsync("prov-b", dueB));

        var byOrr = await SweepAsync(fixture.Client("Vault.OrrOfficial", "orr"));
        Assert.Equal(1, byOrr.GetProperty("madeEligible").GetInt32());
        Assert.Equal("EligibleForDisposition", await LifecycleAsync("prov-a", dueA));
    }

    /// <summary>A case whose services ended in 2016: three years ran out long ago.</summary>
    private async Task<string> DueCaseAsync(string org)
    {
        var caseworker = fixture.Client("Vault.Caseworker", org);
        var id = (await ApiCalls.CreateCaseAsync(caseworker, releaseDate: "2015-06-01")).Id();
        await ApiCalls.PostJsonAsync(caseworker, $"/cases/{id}/close", new { servicePeriodEnd = "2016-01-01", reason = "Services concluded." }, HttpStatusCode.OK);
        return id;
    }

    private static async Task<JsonElement> SweepAsync(HttpClient client) =>
        await ApiCalls.ExpectJsonAsync(await client.PostAsync("/retention/sweep", null), HttpStatusCode.OK);

    private async Task<string> LifecycleAsync(string org, string caseId) =>
        (await ApiCalls.ExpectJsonAsync(await fixture.Client("Vault.Caseworker", org).GetAsync($"/cases/{caseId}"), HttpStatusCode.OK)).Lifecycle();
}
