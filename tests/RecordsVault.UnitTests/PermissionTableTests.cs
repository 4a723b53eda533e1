using RecordsVault.Core.Access;

namespace RecordsVault.UnitTests;

/// <summary>The permission table's decisions, and the promises the contract makes about them.</summary>
public class PermissionTableTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly AccessTarget ProviderCase = AccessTarget.Of("prov-a");

    private static Caller As(string org, params string[] roles) => new("someone", org, roles.ToHashSet());

    [Fact]
    public void Every_operation_has_exactly_one_row()
    {
        Assert.Equal(Enum.GetValues<Operation>().Order(), PermissionTable.Rows.Select(r => r.Operation).Order());
    }

    [Fact]
    public void An_orr_auditor_who_is_also_a_records_manager_cannot_delete_a_providers_record()
    {
        Assert.False(Permissions.Allows(As("orr", Roles.Auditor, Roles.RecordsManager), Operation.RecordDelete, ProviderCase, Now));
    }

    [Theory]
    [InlineData(Operation.RecordUpload)]
    [InlineData(Operation.RecordContent)]
    [InlineData(Operation.RecordRead)]
    public void An_orr_auditor_who_is_also_a_caseworker_cannot_touch_a_providers_records(Operation operation)
    {
        Assert.False(Permissions.Allows(As("orr", Roles.Auditor, Roles.Caseworker), operation, ProviderCase, Now));
    }

    [Theory]
    [InlineData(Operation.AuditRead)]
    [InlineData(Operation.RetentionRead)]
    public void An_orr_auditor_reads_audit_and_retention_of_every_organization(Operation operation)
    {
        Assert.True(Permissions.Allows(As("orr", Roles.Auditor), operation, ProviderCase, Now));
    }

    [Fact]
    public void No_auditor_ever_reads_record_content()
    {
        Assert.DoesNotContain(PermissionTable.For(Operation.RecordContent).Grants, g => g.Role == Roles.Auditor);
        Assert.False(Permissions.Allows(As("prov-a", Roles.Auditor), Operation.RecordContent, ProviderCase, Now));
    }

    [Theory]
    [InlineData(Roles.OrrOfficial)]
    [InlineData(Roles.Auditor)]
    public void A_provider_token_with_an_orr_role_gains_nothing_outside_its_own_organization(string role)
    {
        var caller = As("prov-b", role);

        Assert.All(PermissionTable.Rows, row => Assert.False(Permissions.Allows(caller, row.Operation, ProviderCase, Now), $"{row.Operation}"));
        Assert.False(Permissions.ScopeOf(caller, Operation.AuditRead).IsEvery);
    }

    [Fact]
    public void A_provider_token_with_the_orr_official_role_is_no_orr_official_at_all()
    {
        var caller = As("prov-b", Roles.OrrOfficial);

        Assert.False(Permissions.MayAttempt(caller, Operation.DisclosureCreate));
        Assert.False(Permissions.MayAttempt(caller, Operation.ReleaseApprove));
        Assert.True(Permissions.ScopeOf(caller, Operation.CaseList).IsNone);
    }

    [Fact]
    public void A_designee_sees_a_disclosure_only_until_their_access_ends()
    {
        var disclosure = new AccessTarget(new HashSet<string>(), "official", "someone", Now.AddDays(1));
        var designee = As("anywhere", Roles.OrrDesignee);

        Assert.True(Permissions.Allows(designee, Operation.DisclosurePacket, disclosure, Now));
        Assert.False(Permissions.Allows(designee, Operation.DisclosurePacket, disclosure, Now.AddDays(2)));
        Assert.False(Permissions.Allows(As("orr", Roles.OrrOfficial), Operation.DisclosurePacket, disclosure, Now));
    }

    [Fact]
    public void Only_the_requesting_official_at_orr_sees_their_request()
    {
        var disclosure = new AccessTarget(new HashSet<string>(), "someone", null, null);

        Assert.True(Permissions.Allows(As("orr", Roles.OrrOfficial), Operation.DisclosureRead, disclosure, Now));
        Assert.False(Permissions.Allows(As("prov-a", Roles.OrrOfficial), Operation.DisclosureRead, disclosure, Now));
    }

    [Fact]
    public void Hold_listing_and_hold_reading_grant_the_same_reach()
    {
        // HoldEndpoints shows a hold's case ids through the listing's scope; the two must not drift apart.
        Assert.Equal(PermissionTable.For(Operation.HoldList).Grants, PermissionTable.For(Operation.HoldRead).Grants);
    }

    [Fact]
    public void Scope_is_every_organization_only_through_a_grant_of_every_organization()
    {
        Assert.True(Permissions.ScopeOf(As("orr", Roles.Auditor), Operation.AuditRead).IsEvery);
        Assert.Equal("prov-a", Permissions.ScopeOf(As("prov-a", Roles.Auditor), Operation.AuditRead).Organization);
        Assert.Equal("orr", Permissions.ScopeOf(As("orr", Roles.RecordsManager), Operation.CaseList).Organization);
    }
}
