using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Disclosures;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Api.Console.Pages.Releases;

/// <summary>Releases the records chosen on a case page to a third party, as <c>POST /releases</c>.</summary>
[Audit("POST", "release.create")]
[Transfer]
public sealed class NewReleaseModel(RecordService records, ReleaseService releases, Caller caller, IAuthorizationService authorization) : PageModel
{
    public IActionResult OnGet() => Redirect("/console/releases");

    public async Task<IActionResult> OnPostAsync(string? recipient, string? purpose, List<string>? recordIds, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.ReleaseCreate);
        var to = Text.Required(recipient, "recipient", 200);
        var why = Text.Required(purpose, "purpose", 1000);
        var ids = IdList.Required(recordIds, "recordIds", 500);
        var included = new List<Core.Records.Record>();
        foreach (var recordId in ids)
        {
            var record = await records.FindAsync(recordId, cancellationToken) ?? throw new NotFoundException($"Record {recordId}");
            await authorization.RequireAsync(HttpContext, record, Operation.ReleaseCreate, $"Record {recordId}");
            included.Add(record);
        }

        var created = await releases.CreateAsync(included, to, why, caller.Subject, cancellationToken);
        return Redirect($"/console/releases/{created.Id}");
    }
}
