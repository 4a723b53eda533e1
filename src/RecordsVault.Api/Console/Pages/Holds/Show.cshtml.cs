using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Holds;
using RecordsVault.Infrastructure.Holds;

namespace RecordsVault.Api.Console.Pages.Holds;

/// <summary>One hold, as <c>GET /holds/{id}</c>, with its release (<c>POST /holds/{id}/release</c>).</summary>
[Audit("GET", "hold.read", AuditRouteId.Hold)]
[Audit("POST", "hold.release", AuditRouteId.Hold, Handler = "release")]
public sealed class HoldModel(HoldService holds, Caller caller, IAuthorizationService authorization) : PageModel
{
    public LitigationHold Hold { get; private set; } = null!;
    public IReadOnlyList<string> CaseIds { get; private set; } = [];
    public bool MayRelease { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Hold = await FindAsync(id, Operation.HoldRead, cancellationToken);
        var scope = await authorization.ScopeAsync(HttpContext, caller, Operation.HoldList);
        CaseIds = await holds.VisibleCaseIdsAsync(Hold, scope.Organization, cancellationToken);
        MayRelease = await authorization.MayAsync(User, Hold, Operation.HoldRelease);
    }

    public async Task<IActionResult> OnPostReleaseAsync(string id, string? resolution, CancellationToken cancellationToken)
    {
        var hold = await FindAsync(id, Operation.HoldRelease, cancellationToken);
        await holds.ReleaseAsync(hold, caller.Subject, Text.Required(resolution, "resolution", 1000), cancellationToken);
        return Redirect($"/console/holds/{Uri.EscapeDataString(id)}");
    }

    private async Task<LitigationHold> FindAsync(string id, Operation operation, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, operation);
        var hold = await holds.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The hold");
        await authorization.RequireAsync(HttpContext, hold, operation, "The hold");
        return hold;
    }
}
