using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Console.Pages;

/// <summary>The start page sends each user to the first page their roles open.</summary>
public sealed class IndexModel(IAuthorizationService authorization) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (await authorization.MayAsync(User, Operation.CaseList))
        {
            return Redirect("/console/cases");
        }

        if (await authorization.MayAsync(User, Operation.DisclosureRead))
        {
            return Redirect("/console/disclosures");
        }

        if (await authorization.MayAsync(User, Operation.AuditRead))
        {
            return Redirect("/console/audit");
        }

        return Redirect("/console/denied");
    }
}
