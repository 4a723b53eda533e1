using static RecordsVault.Core.Access.Reach;
using static RecordsVault.Core.Access.ResourceKind;
using static RecordsVault.Core.Access.Roles;

namespace RecordsVault.Core.Access;

/// <summary>
/// Who may do what, in one place: one row per operation, one grant per role and reach. Route policies,
/// resource handlers, listings, docs/access.md and the role-matrix tests are all read from here.
/// </summary>
public static class PermissionTable
{
    public static IReadOnlyList<Permission> Rows { get; } =
    [
        new(Operation.CaseCreate, Organization, "Open a case in the caller's organization", [new(Caseworker, OwnOrganization), new(RecordsManager, OwnOrganization)]),
        new(Operation.CaseRead, Case, "Read a case", CaseReaders()),
        new(Operation.CaseList, Organization, "List the cases the caller may read", CaseReaders()),
        new(Operation.RecordUpload, Case, "Upload a record into an open case", CaseTeam()),
        new(Operation.RecordList, Case, "List a case's records", CaseReaders()),
        new(Operation.RecordRead, Record, "Read a record's metadata", CaseReaders()),
        new(Operation.RecordContent, Record, "Download a record's original bytes", CaseReaders()),
        new(Operation.RecordDelete, Record, "Delete a record from an open case", [new(RecordsManager, OwnOrganization)]),
        new(Operation.CaseClose, Case, "Close a case: services ended, the retention clock starts", CaseTeam()),
        new(Operation.CaseReopen, Case, "Reopen a case before its disposition", [new(RecordsManager, OwnOrganization)]),
        new(Operation.CaseHistory, Case, "Read a case's history from the audit trail", CaseReaders()),
        new(Operation.RetentionRead, Case, "Read a case's retention: rules, holds and eligibility",
            [.. CaseReaders(), new(Auditor, OwnOrganization), new(Auditor, EveryOrganization)]),
        new(Operation.HoldCreate, Case, "Apply a litigation hold to cases", HoldKeepers()),
        new(Operation.HoldList, Organization, "List the litigation holds the caller may read", HoldReaders()),
        new(Operation.HoldRead, Hold, "Read a litigation hold", HoldReaders()),
        new(Operation.HoldRelease, Hold, "Release a litigation hold, with its resolution", HoldKeepers()),
        new(Operation.RetentionSweep, Organization, "Move due cases to eligible for disposition", HoldKeepers()),
        new(Operation.DispositionRequest, Case, "Ask to dispose of an eligible case", [new(RecordsManager, OwnOrganization)]),
        new(Operation.DispositionApprove, Case, "Approve a disposition requested by someone else", HoldKeepers()),
        new(Operation.DispositionReject, Case, "Reject a disposition requested by someone else", HoldKeepers()),
        new(Operation.DisclosureCreate, Case, "Request case files for ORR: renders the disclosure packet", [new(OrrOfficial, EveryOrganization)]),
        new(Operation.DisclosureRead, Disclosure, "Read a disclosure request", DisclosureParties()),
        new(Operation.DisclosurePacket, Disclosure, "Download a disclosure's PDF packet", DisclosureParties()),
        new(Operation.DisclosureBundle, Disclosure, "Download a disclosure's packet and original records as a ZIP", DisclosureParties()),
        new(Operation.ReleaseCreate, Record, "Release records to a third party", [new(RecordsManager, OwnOrganization)]),
        new(Operation.ReleaseRead, Release, "Read a release to a third party", ReleaseReaders()),
        new(Operation.ReleaseApprove, Release, "Approve a release that includes ORR-owned records", [new(OrrOfficial, EveryOrganization)]),
        new(Operation.ReleasePacket, Release, "Download an available release's PDF packet", ReleaseReaders()),
        new(Operation.AuditRead, Organization, "Search the audit trail", AuditReaders()),
        new(Operation.AuditVerify, Organization, "Verify the audit chain and its checkpoints", AuditReaders()),
        new(Operation.ArchiveImport, Organization, "Archive closed cases from a manifest and their files", [new(RecordsManager, OwnOrganization)]),
        new(Operation.HandoverTransfer, Organization, "Transfer a provider's cases to ORR or a successor organization", [new(OrrOfficial, EveryOrganization)]),
        new(Operation.HandoverExport, Organization, "Export a provider's cases, files and signed manifest for another vault", [new(OrrOfficial, EveryOrganization)]),
    ];

    private static readonly Dictionary<Operation, Permission> ByOperation = Rows.ToDictionary(r => r.Operation);

    public static Permission For(Operation operation) => ByOperation[operation];

    /// <summary>The operation that decides whether a caller may know a resource of this kind exists (403 rather than 404).</summary>
    public static Operation? VisibilityOf(ResourceKind kind) => kind switch
    {
        Case => Operation.CaseRead,
        Record => Operation.RecordRead,
        Hold => Operation.HoldRead,
        Disclosure => Operation.DisclosureRead,
        Release => Operation.ReleaseRead,
        Organization => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static Grant[] CaseTeam() => [new(Caseworker, OwnOrganization), new(RecordsManager, OwnOrganization)];

    private static Grant[] CaseReaders() => [.. CaseTeam(), new(OrrOfficial, EveryOrganization)];

    private static Grant[] HoldKeepers() => [new(RecordsManager, OwnOrganization), new(OrrOfficial, EveryOrganization)];

    private static Grant[] HoldReaders() => [.. HoldKeepers(), new(Auditor, OwnOrganization), new(Auditor, EveryOrganization)];

    private static Grant[] DisclosureParties() => [new(OrrOfficial, Requester), new(OrrDesignee, Designee)];

    private static Grant[] ReleaseReaders() => [new(RecordsManager, OwnOrganization), new(OrrOfficial, EveryOrganization)];

    private static Grant[] AuditReaders() => [new(Auditor, OwnOrganization), new(Auditor, EveryOrganization), new(OrrOfficial, EveryOrganization)];
}
