using RecordsVault.Core.Audit;
using RecordsVault.Core.Disclosures;

namespace RecordsVault.UnitTests;

/// <summary>What a packet's custody page lists, and whom it names.</summary>
public class CustodyScopeTests
{
    private static readonly CustodyCase Ours = new("c1", "A-1", "prov-a");

    private static readonly CustodyScope Disclosure = new([Ours], new Dictionary<string, string> { ["r1"] = "c1" }, wholeCases: true);

    private static readonly CustodyScope Release = new([Ours], new Dictionary<string, string> { ["r1"] = "c1" }, wholeCases: false);

    [Fact]
    public void Event_on_a_disclosed_case_and_another_organizations_case_names_only_the_disclosed_one()
    {
        var line = Disclosure.Line(Event("hold.create", "c1,c9", actor: ("olivia", "orr")));

        Assert.Equal("2026-01-02 03:04:05 UTC  #7 hold.create on case A-1 by olivia (orr): Succeeded", line);
    }

    [Theory]
    [InlineData("ana", "prov-a", "by ana (prov-a)")]
    [InlineData("olivia", "orr", "by olivia (orr)")]
    [InlineData("bea", "prov-b", "by a user of another organization")]
    [InlineData("dana", "", "by a user of another organization")]
    public void Actor_is_named_only_for_ORR_and_the_cases_own_organization(string sub, string org, string expected)
    {
        var line = Disclosure.Line(Event("case.read", "c1", actor: (sub, org)))!;

        Assert.Contains(expected, line, StringComparison.Ordinal);
        if (expected.Contains("another", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(sub, line, StringComparison.Ordinal);
            Assert.True(org.Length == 0 || !line.Contains(org, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Events_of_other_cases_are_left_out_even_when_an_id_contains_the_disclosed_one()
    {
        Assert.Null(Disclosure.Line(Event("case.read", "c10")));
        Assert.Null(Disclosure.Line(Event("case.read", "c9")));
        Assert.Null(Disclosure.Line(Event("hold.read", string.Empty)));
    }

    [Fact]
    public void Release_lists_its_own_records_and_case_level_events_but_not_records_left_out()
    {
        Assert.Contains("on case A-1, record r1", Release.Line(Event("record.content", "c1", record: "r1")), StringComparison.Ordinal);
        Assert.Contains("case.close on case A-1", Release.Line(Event("case.close", "c1")), StringComparison.Ordinal);
        Assert.Null(Release.Line(Event("record.content", "c1", record: "r2")));
    }

    [Fact]
    public void Disclosure_of_whole_cases_lists_events_about_any_of_their_records()
    {
        var line = Disclosure.Line(Event("record.delete", "c1", record: "r-deleted"));

        Assert.Equal("2026-01-02 03:04:05 UTC  #7 record.delete on case A-1 by ana (prov-a): Succeeded", line);
    }

    private static AuditEvent Event(string action, string caseIds, string record = "", (string Sub, string Org)? actor = null) => new()
    {
        Sequence = 7,
        OccurredAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        ActorSub = (actor ?? ("ana", "prov-a")).Sub,
        ActorOrg = (actor ?? ("ana", "prov-a")).Org,
        ActorRoles = "Vault.Caseworker",
        Action = action,
        Outcome = AuditOutcome.Succeeded,
        CaseIds = caseIds,
        Organizations = string.Empty,
        RecordId = record,
        TargetId = string.Empty,
        ClientAddress = string.Empty,
        RequestId = "req",
        PreviousHash = new string('0', 64),
    };
}
