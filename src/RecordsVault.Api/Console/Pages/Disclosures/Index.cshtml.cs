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
    private const int PageSize = 25;

    public List<DisclosureRequest> Items { get; } = [];
    public int PageNumber { get; private set; }
    public bool HasNext { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.DisclosureRead);
        (PageNumber, _) = Endpoints.CaseValidation.ParsePaging(page, PageSize);
        var found = await disclosures.NamingAsync(caller.Subject, (PageNumber - 1) * PageSize, PageSize + 1, cancellationToken);
        HasNext = found.Count > PageSize;
        foreach (var request in found.Take(PageSize))
        {
            if (await authorization.MayAsync(User, request, Operation.DisclosureRead))
            {
                Items.Add(request);
            }
        }
    }
}
