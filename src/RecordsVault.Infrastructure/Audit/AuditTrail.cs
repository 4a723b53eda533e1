using RecordsVault.Core.Audit;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>Who acted: read lazily, because the trail begins before authentication has run.</summary>
public sealed record AuditActor(string Subject, string Organization, IEnumerable<string> Roles);

/// <summary>
/// The audit event of the current request (scoped): the action and actor, the targets that endpoints and
/// the change set add, and whether the event has been committed. The database context appends it, either
/// with the request's change in one transaction, or alone once the request has ended.
/// </summary>
public sealed class AuditTrail(TimeProvider clock, AuditCheckpointer checkpointer)
{
    private const int MaxIdLength = 128;

    private readonly SortedSet<string> caseIds = new(StringComparer.Ordinal);
    private readonly SortedSet<string> organizations = new(StringComparer.Ordinal);
    private string action = string.Empty;
    private Func<AuditActor>? actor;
    private string clientAddress = string.Empty;
    private string requestId = string.Empty;
    private string recordId = string.Empty;
    private string targetId = string.Empty;

    /// <summary>Begun and not yet written: the next change to commit carries this event.</summary>
    public bool IsOpen => actor is not null && CommittedSequence is null;

    public long? CommittedSequence { get; private set; }

    public void Begin(string auditAction, Func<AuditActor> readActor, string? client, string request)
    {
        action = auditAction;
        actor = readActor;
        clientAddress = Id(client);
        requestId = Id(request);
    }

    /// <summary>A case the action touched; <paramref name="organization"/> when known, so that organization's auditors see the event.</summary>
    public void AddCase(string caseId, string? organization)
    {
        caseIds.Add(Id(caseId));
        if (!string.IsNullOrEmpty(organization))
        {
            organizations.Add(Id(organization));
        }
    }

    public void SetRecord(string id) => recordId = Id(id);

    public void SetTarget(string id) => targetId = Id(id);

    /// <summary>The complete event for a chain whose last event is <paramref name="sequence"/> - 1 with <paramref name="previousHash"/>.</summary>
    public AuditEvent Build(long sequence, string previousHash, AuditOutcome outcome)
    {
        var who = (actor ?? throw new InvalidOperationException("The audit trail was not begun."))();
        var orgs = new SortedSet<string>(organizations, StringComparer.Ordinal) { Id(who.Organization) };
        orgs.Remove(string.Empty);
        var built = new AuditEvent
        {
            Sequence = sequence,
            OccurredAt = AuditChain.ToPrecision(clock.GetUtcNow().UtcDateTime),
            ActorSub = Id(who.Subject),
            ActorOrg = Id(who.Organization),
            ActorRoles = string.Join(',', who.Roles.Select(Id).Order(StringComparer.Ordinal)),
            Action = action,
            Outcome = outcome,
            CaseIds = string.Join(',', caseIds),
            Organizations = orgs.Count == 0 ? string.Empty : $",{string.Join(',', orgs)},",
            RecordId = recordId,
            TargetId = targetId,
            ClientAddress = clientAddress,
            RequestId = requestId,
            PreviousHash = previousHash,
        };
        built.Hash = AuditChain.ComputeHash(built, previousHash);
        return built;
    }

    /// <summary>Called once the event's transaction has committed.</summary>
    public void Committed(long sequence)
    {
        CommittedSequence = sequence;
        checkpointer.Appended(sequence);
    }

    /// <summary>Ids come from URLs and tokens: kept short, and free of the control characters the canonical form forbids.</summary>
    private static string Id(string? value)
    {
        var clean = AuditChain.Clean(value);
        return clean.Length > MaxIdLength ? clean[..MaxIdLength] : clean;
    }
}
