using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Infrastructure.Holds;

namespace RecordsVault.Api.Console.Pages.Holds;

/// <summary>The holds the user's roles reach, as <c>GET /holds</c>.</summary>
[Audit("GET", "hold.list")]
public sealed class HoldsModel(HoldService holds, Caller caller, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<VisibleHold> Items { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.HoldList);
        var (number, size) = Endpoints.CaseValidation.ParsePaging(page, 50);
        var scope = await authorization.ScopeAsync(HttpContext, caller, Operation.HoldList);
        (Items, Total) = await holds.ListAsync(scope.Organization, number, size, cancellationToken);
    }
}
