using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Core.Access;
using RecordsVault.Core.Disclosures;
using RecordsVault.Infrastructure.Disclosures;

namespace RecordsVault.Api.Console.Pages.Releases;

/// <summary>
/// Releases to third parties: for ORR, those waiting for its approval in every organization; for a provider, its own.
/// Each is shown only if the release handler lets the user read it.
/// </summary>
[Audit("GET", "release.list")]
public sealed class ReleasesModel(ReleaseService releases, Caller caller, IAuthorizationService authorization) : PageModel
{
    private const int PageSize = 25;

    public List<ReleaseRequest> Items { get; } = [];
    public bool ForOrr { get; private set; }
    public int PageNumber { get; private set; }
    public bool HasNext { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.ReleaseRead);
        (PageNumber, _) = Endpoints.CaseValidation.ParsePaging(page, PageSize);
        ForOrr = caller.Organization == Organizations.Orr;
        var skip = (PageNumber - 1) * PageSize;
        var found = ForOrr
            ? await releases.NewestAsync(null, ReleaseStatus.PendingOrrApproval, skip, PageSize + 1, cancellationToken)
            : await releases.NewestAsync(caller.Organization, null, skip, PageSize + 1, cancellationToken);
        HasNext = found.Count > PageSize;
        foreach (var release in found.Take(PageSize))
        {
            if (await authorization.MayAsync(User, release, Operation.ReleaseRead))
            {
                Items.Add(release);
            }
        }
    }
}
