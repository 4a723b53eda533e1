using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;
using RecordsVault.Core.Cases;

namespace RecordsVault.Api.Authorization;

/// <summary>Operations on a case. The two-person rule of disposition lives here and nowhere else.</summary>
public sealed class CaseHandler(IOptions<VaultIdentityOptions> identity, TimeProvider clock) : ResourceHandler<Case>(identity, clock)
{
    public const string OwnDisposition = "The requester of a disposition cannot decide it; another records manager or ORR must.";

    protected override ResourceKind Kind => ResourceKind.Case;

    protected override ValueTask<AccessTarget> TargetAsync(Case resource, Operation operation) =>
        ValueTask.FromResult(AccessTarget.Of(resource.OrganizationId));

    protected override string? Refusal(Caller caller, Case resource, Operation operation) =>
        operation is Operation.DispositionApprove or Operation.DispositionReject
            && resource.Lifecycle == CaseLifecycle.DispositionPending
            && resource.DispositionRequestedBy == caller.Subject
            ? OwnDisposition
            : null;
}
