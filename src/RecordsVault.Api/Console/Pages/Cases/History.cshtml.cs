using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Cases;

namespace RecordsVault.Api.Console.Pages.Cases;

/// <summary>A case's history from the audit trail, as <c>GET /cases/{id}/history</c> shows it to the people who work on the case.</summary>
[Audit("GET", "case.history", AuditRouteId.Case)]
public sealed class HistoryModel(CaseService cases, AuditLog log, IAuthorizationService authorization) : PageModel
{
    private const int PageSize = 50;

    public Case Case { get; private set; } = null!;
    public IReadOnlyList<CaseHistoryEntry> Items { get; private set; } = [];

    /// <summary>The cursor this page was read from (null: the newest events), and the next, older page's (null: none).</summary>
    public long? Before { get; private set; }
    public long? Next { get; private set; }

    public async Task OnGetAsync(string id, long? before, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.CaseHistory);
        Case = await cases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The case");
        await authorization.RequireAsync(HttpContext, Case, Operation.CaseHistory, "The case");
        if (before is < 1)
        {
            throw new ValidationException("before", "The cursor is a sequence number from the Older events link, 1 or more.");
        }

        Before = before;
        var page = await log.SearchAsync(new AuditSearch(null, Case.Id, null, null, null, null, before, PageSize), cancellationToken);
        Items = [.. page.Items.Select(CaseHistoryEntry.From)];
        Next = page.Next;
    }
}
