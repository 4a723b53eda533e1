using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Disclosures;

namespace RecordsVault.Api.Console.Pages.Disclosures;

/// <summary>ORR's request for the cases chosen on the cases page, with its purpose and designee, as <c>POST /disclosures</c>.</summary>
[Audit("POST", "disclosure.create")]
[Transfer]
public sealed class NewDisclosureModel(CaseService cases, DisclosureService disclosures, Caller caller, IAuthorizationService authorization) : PageModel
{
    public IActionResult OnGet() => Redirect("/console/cases");

    public async Task<IActionResult> OnPostAsync(string? purpose, string? designee, List<string>? caseIds, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.DisclosureCreate);
        var why = Text.Required(purpose, "purpose", 1000);
        var to = string.IsNullOrWhiteSpace(designee) ? null : Text.Required(designee, "designee", 256);
        var ids = IdList.Required(caseIds, "caseIds", 500);
        foreach (var found in await cases.FindManyAsync(ids, "Case", cancellationToken))
        {
            await authorization.RequireAsync(HttpContext, found, Operation.DisclosureCreate, $"Case {found.Id}");
        }

        var created = await disclosures.CreateAsync(ids, why, to, caller.Subject, cancellationToken);
        return Redirect($"/console/disclosures/{created.Id}");
    }
}
