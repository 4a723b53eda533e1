using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Retention;

namespace RecordsVault.Api.Console.Pages.Cases;

/// <summary>
/// The case page's lifecycle buttons, each the API's route of the same name: close, reopen, and the disposition's
/// request, approval (by a second records manager) and rejection. Each answers with the case page again.
/// </summary>
[Audit("POST", "case.close", AuditRouteId.Case, Handler = "close")]
[Audit("POST", "case.reopen", AuditRouteId.Case, Handler = "reopen")]
[Audit("POST", "disposition.request", AuditRouteId.Case, Handler = "request")]
[Audit("POST", "disposition.approve", AuditRouteId.Case, Handler = "approve")]
[Audit("POST", "disposition.reject", AuditRouteId.Case, Handler = "reject")]
public sealed class LifecycleModel(
    LifecycleService lifecycle, DispositionService dispositions, Caller caller, IAuthorizationService authorization) : PageModel
{
    public IActionResult OnGet(string id) => BackTo(id);

    public async Task<IActionResult> OnPostCloseAsync(string id, DateOnly? servicePeriodEnd, string? reason, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, Operation.CaseClose, cancellationToken);
        var end = servicePeriodEnd ?? throw new ValidationException("servicePeriodEnd", "The date services ended is required.");
        await lifecycle.CloseAsync(target, end, Text.Required(reason, "reason", 500), cancellationToken);
        return BackTo(id);
    }

    public async Task<IActionResult> OnPostReopenAsync(string id, CancellationToken cancellationToken)
    {
        await lifecycle.ReopenAsync(await LoadAsync(id, Operation.CaseReopen, cancellationToken), cancellationToken);
        return BackTo(id);
    }

    public async Task<IActionResult> OnPostRequestAsync(string id, CancellationToken cancellationToken)
    {
        await lifecycle.RequestDispositionAsync(await LoadAsync(id, Operation.DispositionRequest, cancellationToken), caller.Subject, cancellationToken);
        return BackTo(id);
    }

    public async Task<IActionResult> OnPostApproveAsync(string id, CancellationToken cancellationToken)
    {
        await dispositions.ApproveAsync(await LoadAsync(id, Operation.DispositionApprove, cancellationToken), caller.Subject, cancellationToken);
        return BackTo(id);
    }

    public async Task<IActionResult> OnPostRejectAsync(string id, string? reason, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, Operation.DispositionReject, cancellationToken);
        Text.Required(reason, "reason", 500);
        await lifecycle.RejectDispositionAsync(target, cancellationToken);
        return BackTo(id);
    }

    private async Task<Case> LoadAsync(string id, Operation operation, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, operation);
        var target = await lifecycle.LoadAsync(id, cancellationToken);
        await authorization.RequireAsync(HttpContext, target, operation, "The case");
        return target;
    }

    private RedirectResult BackTo(string id) => Redirect($"/console/cases/{Uri.EscapeDataString(id)}");
}
