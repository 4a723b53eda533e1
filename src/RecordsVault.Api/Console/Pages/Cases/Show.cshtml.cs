using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Records;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Holds;
using RecordsVault.Infrastructure.Records;
using RecordsVault.Infrastructure.Retention;

namespace RecordsVault.Api.Console.Pages.Cases;

/// <summary>
/// One case as <c>GET /cases/{id}</c> shows it, with the sections the user's roles may also read
/// (<c>GET /cases/{id}/records</c>, <c>GET /cases/{id}/retention</c>); a section they may not read is left out.
/// </summary>
[Audit("GET", "case.read", AuditRouteId.Case)]
public sealed class CaseModel(
    LifecycleService lifecycle, RecordService records, HoldService holds, DispositionService dispositions,
    IAuthorizationService authorization) : PageModel
{
    /// <summary>The actions the user's roles allow on this case; the lifecycle may still refuse one (409).</summary>
    public HashSet<Operation> Allowed { get; } = [];
    public DispositionCertificate? Certificate { get; private set; }
    public bool MayReadHistory { get; private set; }
    public bool MayReadAuditTrail { get; private set; }
    public bool MayRelease { get; private set; }

    public Case Case { get; private set; } = null!;
    public IReadOnlyList<string> Holds { get; private set; } = [];
    public IReadOnlyList<Record>? Records { get; private set; }
    public RetentionOutcome? Retention { get; private set; }

    private static readonly Operation[] CaseActions =
    [
        Operation.RecordUpload, Operation.CaseClose, Operation.CaseReopen,
        Operation.DispositionRequest, Operation.DispositionApprove, Operation.DispositionReject,
    ];

    private static readonly Operation[] RecordActions = [Operation.RecordContent, Operation.RecordDelete];

    public async Task OnGetAsync(string id, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.CaseRead);
        Case = await lifecycle.LoadAsync(id, cancellationToken);
        await authorization.RequireAsync(HttpContext, Case, Operation.CaseRead, "The case");
        Holds = await holds.ActiveHoldIdsAsync(Case.Id, cancellationToken);
        if (await authorization.MayAsync(User, Case, Operation.RecordList))
        {
            Records = await records.ListAsync(Case.Id, cancellationToken);
        }

        if (await authorization.MayAsync(User, Case, Operation.RetentionRead))
        {
            Retention = lifecycle.Evaluate(Case);
        }

        foreach (var operation in CaseActions)
        {
            if (await authorization.MayAsync(User, Case, operation))
            {
                Allowed.Add(operation);
            }
        }

        // Asked of each record when it is downloaded or deleted; here only whether the roles ever allow it.
        foreach (var operation in RecordActions)
        {
            if (await authorization.MayAsync(User, operation))
            {
                Allowed.Add(operation);
            }
        }

        MayReadHistory = await authorization.MayAsync(User, Case, Operation.CaseHistory);
        MayReadAuditTrail = await authorization.MayAsync(User, Operation.AuditRead);
        MayRelease = Records is not null && await authorization.MayAsync(User, Operation.ReleaseCreate);
        if (Case.Lifecycle == CaseLifecycle.Disposed)
        {
            Certificate = await dispositions.FindCertificateAsync(Case.Id, cancellationToken);
        }
    }
}
