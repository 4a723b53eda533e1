using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Holds;

namespace RecordsVault.Api.Console.Pages.Holds;

/// <summary>Places one hold over the cases chosen on the cases page, as <c>POST /holds</c>.</summary>
[Audit("POST", "hold.create")]
public sealed class NewHoldModel(CaseService cases, HoldService holds, Caller caller, IAuthorizationService authorization) : PageModel
{
    public IActionResult OnGet() => Redirect("/console/cases");

    public async Task<IActionResult> OnPostAsync(string? matter, string? reason, List<string>? caseIds, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.HoldCreate);
        var title = Text.Required(matter, "matter", 200);
        var why = Text.Required(reason, "reason", 1000);
        var ids = IdList.Required(caseIds, "caseIds", 1000);
        foreach (var found in await cases.FindManyAsync(ids, "Case", cancellationToken))
        {
            await authorization.RequireAsync(HttpContext, found, Operation.HoldCreate, $"Case {found.Id}");
        }

        var hold = await holds.CreateAsync(title, why, ids, caller.Subject, caller.Organization, cancellationToken);
        return Redirect($"/console/holds/{hold.Id}");
    }
}
