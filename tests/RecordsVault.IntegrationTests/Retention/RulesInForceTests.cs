using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.Retention;

/// <summary>Retention follows the rules in force, not only those of the day a case closed.</summary>
public sealed class RulesInForceTests
{
    /// <summary>Born 2010-06-01, 18 on 2028-06-01: five more years keep the file until 2033-06-01.</summary>
    private const string LongerTexasRule =
        "rules:\n  - id: tx-licensing\n    jurisdiction: TX\n    citation: \"TX standard\"\n    anchor: childAge18\n    years: 5\n    months: 0\n";

    /// <summary>Four years after services ended on 2016-01-01: later than the federal date, but long past.</summary>
    private const string PassedTexasRule =
        "rules:\n  - id: tx-accreditor\n    jurisdiction: TX\n    citation: \"TX accreditor\"\n    anchor: servicePeriodEnd\n    years: 4\n    months: 0\n";

    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rule_added_after_a_case_closed_postpones_it_and_the_retention_view_names_that_rule(string provider)
    {
        await using var vault = new RestartableVault(provider);
        var (caseId, _) = await vault.ArchivedCaseAsync();

        await vault.RestartWithAsync(LongerTexasRule);
        var view = await ApiCalls.ExpectJsonAsync(await vault.Rm1.GetAsync($"/cases/{caseId}/retention"), HttpStatusCode.OK);
        var sweep = await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        var again = await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);

        Assert.Equal("2033-06-01", view.GetProperty("retainUntil").GetString());
        Assert.Equal("tx-licensing", view.GetProperty("governingRuleId").GetString());
        Assert.False(view.GetProperty("eligibleForDisposition").GetBoolean());
        Assert.Equal((1, 0, 1), (sweep.GetProperty("examined").GetInt32(), sweep.GetProperty("madeEligible").GetInt32(), sweep.GetProperty("postponed").GetInt32()));
        Assert.Equal(0, again.GetProperty("examined").GetInt32()); // the stored date moved: no longer due
        var stored = await ApiCalls.ExpectJsonAsync(await vault.Rm1.GetAsync($"/cases/{caseId}"), HttpStatusCode.OK);
        Assert.Equal("Retained", stored.Lifecycle());
        Assert.Equal("2033-06-01", stored.GetProperty("retainUntil").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Approval_of_a_case_a_new_rule_now_keeps_answers_409_returns_it_to_Retained_and_destroys_nothing(string provider)
    {
        await using var vault = new RestartableVault(provider);
        var (caseId, recordId) = await vault.ArchivedCaseAsync();
        await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);

        await vault.RestartWithAsync(LongerTexasRule);
        var refused = await ApiCalls.PostJsonAsync(vault.Rm2, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.Conflict);

        Assert.Contains("tx-licensing", refused.GetProperty("title").GetString(), StringComparison.Ordinal);
        var after = await ApiCalls.ExpectJsonAsync(await vault.Rm1.GetAsync($"/cases/{caseId}"), HttpStatusCode.OK);
        Assert.Equal("Retained", after.Lifecycle());
        Assert.Equal("2033-06-01", after.GetProperty("retainUntil").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("dispositionRequestedBy").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await vault.Cw.GetAsync($"/records/{recordId}/content")).StatusCode);
        using var scope = vault.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        Assert.False(await db.DispositionCertificates.AnyAsync(d => d.CaseId == caseId));
        Assert.NotNull((await db.CaseKeys.SingleAsync(k => k.CaseId == caseId)).WrappedKey);
        var approval = await db.AuditEvents.Where(e => e.Action == "disposition.approve").SingleAsync();
        Assert.Equal(AuditOutcome.Failed, approval.Outcome); // the postponement committed with it, but the approval failed
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Request_for_a_case_a_new_rule_now_keeps_answers_409_and_returns_it_to_Retained(string provider)
    {
        await using var vault = new RestartableVault(provider);
        var (caseId, _) = await vault.ArchivedCaseAsync();
        await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);

        await vault.RestartWithAsync(LongerTexasRule);
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.Conflict);

        Assert.Equal("Retained", (await ApiCalls.ExpectJsonAsync(await vault.Rm1.GetAsync($"/cases/{caseId}"), HttpStatusCode.OK)).Lifecycle());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Certificate_records_the_rules_in_force_at_approval_and_the_one_that_governed(string provider)
    {
        await using var vault = new RestartableVault(provider);
        var (caseId, _) = await vault.ArchivedCaseAsync();

        await vault.RestartWithAsync(PassedTexasRule);
        var sweep = await ApiCalls.PostJsonAsync(vault.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(vault.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);
        var disposed = await ApiCalls.PostJsonAsync(vault.Rm2, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.OK);

        Assert.Equal((1, 0), (sweep.GetProperty("madeEligible").GetInt32(), sweep.GetProperty("postponed").GetInt32()));
        var certificate = disposed.GetProperty("disposition");
        Assert.Equal("2020-01-01", certificate.GetProperty("retainUntil").GetString());
        Assert.Equal("tx-accreditor", certificate.GetProperty("governingRuleId").GetString());
        var rules = certificate.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("governing").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["orr-guide-6.2.5"] = false, ["tx-accreditor"] = true }, rules);

        // Stored as JSON, so it reads back the same after the request.
        var again = await ApiCalls.ExpectJsonAsync(await vault.Orr.GetAsync($"/cases/{caseId}"), HttpStatusCode.OK);
        Assert.Equal("tx-accreditor", again.GetProperty("disposition").GetProperty("governingRuleId").GetString());
    }
}
