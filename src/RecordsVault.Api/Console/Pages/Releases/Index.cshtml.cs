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
    public List<ReleaseRequest> Items { get; } = [];
    public bool ForOrr { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.ReleaseRead);
        ForOrr = caller.Organization == Organizations.Orr;
        var found = ForOrr
            ? await releases.NewestAsync(null, ReleaseStatus.PendingOrrApproval, 200, cancellationToken)
            : await releases.NewestAsync(caller.Organization, null, 200, cancellationToken);
        foreach (var release in found)
        {
            if (await authorization.MayAsync(User, release, Operation.ReleaseRead))
            {
                Items.Add(release);
            }
        }
    }
}
