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

namespace RecordsVault.IntegrationTests;

/// <summary>The sweep on a real database, with a fake clock moved across years and a leap day.</summary>
public sealed class SweepClockTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Case_closed_on_29_February_becomes_eligible_on_2_March_three_years_later(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(cw, releaseDate: "2023-09-01")).Id();
        var closed = await ApiCalls.PostJsonAsync(cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2024-02-29", reason = "Done" }, HttpStatusCode.OK);
        Assert.Equal("2027-03-01", closed.GetProperty("retainUntil").GetString());

        var clock = new FakeClock(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        foreach (var (day, expected) in new[]
        {
            ("2025-01-01", CaseLifecycle.Retained),
            ("2027-02-28", CaseLifecycle.Retained),
            ("2027-03-01", CaseLifecycle.Retained), // the last day the file must be kept
            ("2027-03-02", CaseLifecycle.EligibleForDisposition),
            ("2031-01-01", CaseLifecycle.EligibleForDisposition), // idempotent: a later sweep changes nothing
        })
        {
            clock.Now = DateTimeOffset.Parse(day + "T23:59:59Z", System.Globalization.CultureInfo.InvariantCulture);
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            using var gate = new SweepGate();
            var sweeper = new RetentionSweeper(
                db, scope.ServiceProvider.GetRequiredService<DispositionService>(), scope.ServiceProvider.GetRequiredService<RetentionPolicy>(),
                gate, clock, Options.Create(new RetentionOptions { SweepBatchSize = 2 }), NullLogger<RetentionSweeper>.Instance);

            await sweeper.SweepAsync(organization: null, CancellationToken.None);

            Assert.Equal(expected, (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)).Lifecycle);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sweep_pages_through_more_cases_than_one_batch(string provider)
    {
        await using var factory = new VaultFactory(provider, new Dictionary<string, string> { ["Vault:Retention:SweepBatchSize"] = "3" });
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        for (var i = 0; i < 8; i++)
        {
            var caseId = (await ApiCalls.CreateCaseAsync(cw, releaseDate: "2015-01-15")).Id();
            await ApiCalls.PostJsonAsync(cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2016-01-01", reason = "Done" }, HttpStatusCode.OK);
        }

        var rm = factory.ClientFor("prov-a", "rm", "Vault.RecordsManager");
        var first = await ApiCalls.PostJsonAsync(rm, "/retention/sweep", null, HttpStatusCode.OK);
        var second = await ApiCalls.PostJsonAsync(rm, "/retention/sweep", null, HttpStatusCode.OK);

        Assert.Equal(8, first.GetProperty("madeEligible").GetInt32());
        Assert.Equal(0, second.GetProperty("examined").GetInt32());
    }
}
