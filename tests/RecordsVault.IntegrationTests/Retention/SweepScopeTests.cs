using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Retention;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.Retention;

/// <summary>Which cases a sweep examines and counts, and sweeps that run at once.</summary>
public sealed class SweepScopeTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Provider_scoped_sweep_leaves_another_organizations_due_case_and_disposal_alone(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var interrupted = await InterruptedDisposalAsync(factory, "prov-b");
        var ours = await DueCaseAsync(factory, "prov-a");
        var theirs = await DueCaseAsync(factory, "prov-b");

        var scoped = await SweepAsync(factory, "prov-a");

        Assert.Equal(new SweepResult(Examined: 1, MadeEligible: 1, Postponed: 0, Held: 0, FinishedDisposals: 0), scoped);
        Assert.Equal(CaseLifecycle.EligibleForDisposition, await LifecycleAsync(factory, ours));
        Assert.Equal(CaseLifecycle.Retained, await LifecycleAsync(factory, theirs));
        Assert.False(await DisposalFinishedAsync(factory, interrupted));

        var everyone = await SweepAsync(factory, organization: null);

        Assert.Equal(new SweepResult(Examined: 1, MadeEligible: 1, Postponed: 0, Held: 0, FinishedDisposals: 1), everyone);
        Assert.Equal(CaseLifecycle.EligibleForDisposition, await LifecycleAsync(factory, theirs));
        Assert.True(await DisposalFinishedAsync(factory, interrupted));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_sweeps_at_once_make_each_due_case_eligible_once_and_their_counts_add_up(string provider)
    {
        await using var factory = new VaultFactory(provider, new Dictionary<string, string> { ["Vault:Retention:SweepBatchSize"] = "4" });
        var cases = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            cases.Add(await DueCaseAsync(factory, i % 2 == 0 ? "prov-a" : "prov-b"));
        }

        var versions = await VersionsAsync(factory, cases);
        var rm = factory.ClientFor("prov-a", "rm", "Vault.RecordsManager");
        var orr = factory.ClientFor("orr", "orr-official", "Vault.OrrOfficial");

        var results = await Task.WhenAll(
            ApiCalls.PostJsonAsync(rm, "/retention/sweep", null, HttpStatusCode.OK),
            ApiCalls.PostJsonAsync(orr, "/retention/sweep", null, HttpStatusCode.OK));

        Assert.Equal(10, results.Sum(r => r.GetProperty("madeEligible").GetInt32()));
        Assert.Equal(10, results.Sum(r => r.GetProperty("examined").GetInt32())); // the second waited, then found nothing
        Assert.Equal(versions.ToDictionary(v => v.Key, v => v.Value + 1), await VersionsAsync(factory, cases));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sweeps_on_two_instances_at_once_still_change_each_case_once(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var cases = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            cases.Add(await DueCaseAsync(factory, "prov-a"));
        }

        var versions = await VersionsAsync(factory, cases);

        // Each with a gate of its own, as two API instances on one database would have.
        var results = await Task.WhenAll(SweepOnAnotherInstanceAsync(factory), SweepOnAnotherInstanceAsync(factory));

        Assert.Equal(10, results.Sum(r => r.MadeEligible));
        Assert.Equal(versions.ToDictionary(v => v.Key, v => v.Value + 1), await VersionsAsync(factory, cases));
    }

    /// <summary>A case of <paramref name="organization"/> served in 2015 and closed on 2016-01-01: due since 2019-01-02.</summary>
    private static async Task<string> DueCaseAsync(VaultFactory factory, string organization, bool withRecord = false)
    {
        var cw = factory.ClientFor(organization, "cw-" + organization, "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(cw, releaseDate: "2015-01-15")).Id();
        if (withRecord)
        {
            await ApiCalls.UploadAsync(cw, caseId, "Case closure report"u8.ToArray(), developedAt: "2015-06-01");
        }

        await ApiCalls.PostJsonAsync(cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2016-01-01", reason = "Done" }, HttpStatusCode.OK);
        return caseId;
    }

    /// <summary>A disposed case of <paramref name="organization"/> whose blobs were never deleted, as a crash would leave it.</summary>
    private static async Task<string> InterruptedDisposalAsync(VaultFactory factory, string organization)
    {
        var caseId = await DueCaseAsync(factory, organization, withRecord: true);
        await SweepAsync(factory, organization);
        await ApiCalls.PostJsonAsync(factory.ClientFor(organization, "rm1", "Vault.RecordsManager"), $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(factory.ClientFor(organization, "rm2", "Vault.RecordsManager"), $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.OK);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        await db.DispositionCertificates.Where(d => d.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(d => d.BlobsDeletedAt, (DateTime?)null));
        return caseId;
    }

    private static async Task<SweepResult> SweepAsync(VaultFactory factory, string? organization)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionSweeper>().SweepAsync(organization, CancellationToken.None);
    }

    private static async Task<SweepResult> SweepOnAnotherInstanceAsync(VaultFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        using var gate = new SweepGate();
        var services = scope.ServiceProvider;
        var sweeper = new RetentionSweeper(
            services.GetRequiredService<VaultDbContext>(), services.GetRequiredService<DispositionService>(), services.GetRequiredService<RetentionPolicy>(),
            gate, TimeProvider.System, Options.Create(new RetentionOptions { SweepBatchSize = 3 }), NullLogger<RetentionSweeper>.Instance);
        return await sweeper.SweepAsync(organization: null, CancellationToken.None);
    }

    private static async Task<CaseLifecycle> LifecycleAsync(VaultFactory factory, string caseId)
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)).Lifecycle;
    }

    private static async Task<bool> DisposalFinishedAsync(VaultFactory factory, string caseId)
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<VaultDbContext>().DispositionCertificates.AsNoTracking().SingleAsync(d => d.CaseId == caseId)).BlobsDeletedAt is not null;
    }

    private static async Task<Dictionary<string, long>> VersionsAsync(VaultFactory factory, List<string> caseIds)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Cases.AsNoTracking()
            .Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Version);
    }
}
