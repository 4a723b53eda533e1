using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Disclosures;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>The console's disclosure and release lists page newest first, each request after the ones before it.</summary>
public sealed class ConsoleListPagingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Disclosures_naming_a_user_page_newest_first_without_gaps_or_repeats()
    {
        var official = fixture.Client("Vault.OrrOfficial", "orr", "paging-official");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await ApiCalls.PostJsonAsync(official, "/disclosures",
                new { caseIds = new[] { fixture.CaseId }, purpose = $"Paging {i}", designee = "paging-designee" }, HttpStatusCode.Created)).Id());
        }

        ids.Reverse();
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var disclosures = scope.ServiceProvider.GetRequiredService<DisclosureService>();
        var first = await disclosures.NamingAsync("paging-designee", 0, 2, CancellationToken.None);
        var second = await disclosures.NamingAsync("paging-designee", 2, 2, CancellationToken.None);

        Assert.Equal(ids, first.Concat(second).Select(d => d.Id));
    }

    [Fact]
    public async Task Releases_of_an_organization_page_newest_first_without_gaps_or_repeats()
    {
        var manager = fixture.Client("Vault.RecordsManager", "prov-a", "paging-manager");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await ApiCalls.PostJsonAsync(manager, "/releases",
                new { recordIds = new[] { fixture.RecordId }, recipient = $"School {i}", purpose = "Paging" }, HttpStatusCode.Created)).Id());
        }

        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var releases = scope.ServiceProvider.GetRequiredService<ReleaseService>();
        var all = await releases.NewestAsync("prov-a", null, 0, 100, CancellationToken.None);
        var pages = (await releases.NewestAsync("prov-a", null, 0, 2, CancellationToken.None))
            .Concat(await releases.NewestAsync("prov-a", null, 2, 100, CancellationToken.None)).Select(r => r.Id).ToList();

        Assert.Equal(all.Select(r => r.Id), pages);
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Select(r => r.Id).Where(ids.Contains));
    }
}
