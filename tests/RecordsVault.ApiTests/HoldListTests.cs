using System.Net;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary><c>GET /holds</c>: paged, newest first; a provider sees its own holds and those touching its cases, with only its case ids.</summary>
public sealed class HoldListTests
{
    [Fact]
    public async Task A_provider_sees_its_holds_and_only_its_cases_of_ORR_holds_page_by_page()
    {
        await using var factory = new VaultFactory();
        var caseworkerA = factory.ClientFor("prov-a", "cw-a", "Vault.Caseworker");
        var caseworkerB = factory.ClientFor("prov-b", "cw-b", "Vault.Caseworker");
        var managerA = factory.ClientFor("prov-a", "rm-a", "Vault.RecordsManager");
        var managerC = factory.ClientFor("prov-c", "rm-c", "Vault.RecordsManager");
        var official = factory.ClientFor("orr", "official", "Vault.OrrOfficial");
        var caseA = (await ApiCalls.CreateCaseAsync(caseworkerA)).Id();
        var caseB = (await ApiCalls.CreateCaseAsync(caseworkerB)).Id();
        var own = (await ApiCalls.PostJsonAsync(managerA, "/holds", new { matter = "Own", reason = "Provider's matter", caseIds = new[] { caseA } }, HttpStatusCode.Created)).Id();
        var orrs = (await ApiCalls.PostJsonAsync(official, "/holds", new { matter = "ORR", reason = "Both providers", caseIds = new[] { caseA, caseB } }, HttpStatusCode.Created)).Id();

        var first = await ApiCalls.ExpectJsonAsync(await managerA.GetAsync(new Uri("/holds?pageSize=1", UriKind.Relative)), HttpStatusCode.OK);
        var second = await ApiCalls.ExpectJsonAsync(await managerA.GetAsync(new Uri("/holds?pageSize=1&page=2", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal(2, first.GetProperty("total").GetInt32());
        var seen = new[] { first, second }.Select(p => Assert.Single(p.GetProperty("items").EnumerateArray())).ToList();
        Assert.Equal(new[] { own, orrs }.Order(), seen.Select(h => h.Id()).Order());
        var orrHold = seen.Single(h => h.Id() == orrs);
        Assert.Equal([caseA], orrHold.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()));

        var everything = await ApiCalls.ExpectJsonAsync(await official.GetAsync(new Uri("/holds", UriKind.Relative)), HttpStatusCode.OK);
        var orrView = everything.GetProperty("items").EnumerateArray().Single(h => h.Id() == orrs);
        Assert.Equal(new[] { caseA, caseB }.Order(), orrView.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()).Order());

        var stranger = await ApiCalls.ExpectJsonAsync(await managerC.GetAsync(new Uri("/holds", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(0, stranger.GetProperty("total").GetInt32());
        Assert.Equal(0, stranger.GetProperty("items").GetArrayLength());
    }
}
