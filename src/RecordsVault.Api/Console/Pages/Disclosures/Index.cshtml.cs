using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Core.Access;
using RecordsVault.Core.Disclosures;
using RecordsVault.Infrastructure.Disclosures;

namespace RecordsVault.Api.Console.Pages.Disclosures;

/// <summary>The disclosures the user requested or is the designee of, each shown only if the disclosure handler lets them read it.</summary>
[Audit("GET", "disclosure.list")]
public sealed class DisclosuresModel(DisclosureService disclosures, Caller caller, IAuthorizationService authorization) : PageModel
{
    public List<DisclosureRequest> Items { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.DisclosureRead);
        foreach (var request in await disclosures.NamingAsync(caller.Subject, 100, cancellationToken))
        {
            if (await authorization.MayAsync(User, request, Operation.DisclosureRead))
            {
                Items.Add(request);
            }
        }
    }
}
