using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Uploads;
using RecordsVault.Core.Access;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Cases;

namespace RecordsVault.Api.Console.Pages.Cases;

/// <summary>
/// Adds a record to a case as <c>POST /cases/{id}/records</c> does, streaming the file into encrypted storage. The
/// form puts its antiforgery token before the file, and it is checked before any content is stored.
/// </summary>
[Audit("POST", "record.upload", AuditRouteId.Case)]
[IgnoreAntiforgeryToken]
[StreamedForm]
[Transfer]
public sealed class UploadModel(
    CaseService cases, Caller caller, RecordUpload upload, IAntiforgery antiforgery, IAuthorizationService authorization) : PageModel
{
    public IActionResult OnGet() => Redirect($"/console/cases/{Uri.EscapeDataString((string)RouteData.Values["id"]!)}");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = (string)RouteData.Values["id"]!;
        await authorization.RequireOperationAsync(User, Operation.RecordUpload);
        var owner = await cases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The case");
        await authorization.RequireAsync(HttpContext, owner, Operation.RecordUpload, "The case");
        if (owner.Lifecycle != CaseLifecycle.Open)
        {
            throw new ConflictException($"Records can only be added to an open case; this one is {owner.Lifecycle}.");
        }

        await upload.ReadAsync(HttpContext, owner, caller.Subject, cancellationToken, CheckTokenAsync);
        return Redirect($"/console/cases/{Uri.EscapeDataString(owner.Id)}");
    }

    /// <summary>The form field, checked as the antiforgery header would be, so that the form is never read whole.</summary>
    private async Task CheckTokenAsync(IReadOnlyDictionary<string, string> fields)
    {
        var options = HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value;
        Request.Headers[options.HeaderName!] = fields.GetValueOrDefault(options.FormFieldName) ?? string.Empty;
        await antiforgery.ValidateRequestAsync(HttpContext);
    }
}
