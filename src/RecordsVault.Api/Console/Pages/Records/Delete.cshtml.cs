using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Lifecycle;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Api.Console.Pages.Records;

/// <summary>Deletes a record as <c>DELETE /records/{id}</c> does (the lifecycle must allow it), then shows its case.</summary>
[Audit("POST", "record.delete", AuditRouteId.Record)]
public sealed class DeleteModel(RecordService records, LifecycleService lifecycle, IAuthorizationService authorization) : PageModel
{
    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.RecordDelete);
        var record = await records.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The record");
        await authorization.RequireAsync(HttpContext, record, Operation.RecordDelete, "The record");
        var owner = await lifecycle.LoadAsync(record.CaseId, cancellationToken);
        await lifecycle.FireAsync(owner, CaseTrigger.DeleteRecord, cancellationToken);
        await records.DeleteAsync(record, cancellationToken);
        return Redirect($"/console/cases/{Uri.EscapeDataString(owner.Id)}");
    }
}
