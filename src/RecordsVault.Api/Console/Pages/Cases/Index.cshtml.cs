using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Cases;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Retention;

namespace RecordsVault.Api.Console.Pages.Cases;

/// <summary>The cases the user's roles reach, newest first, filtered by lifecycle and paged, as <c>GET /cases</c>.</summary>
[Audit("GET", "case.list")]
[Audit("POST", "retention.sweep", Handler = "sweep")]
public sealed class CasesModel(CaseService cases, Caller caller, IAuthorizationService authorization) : PageModel
{
    public bool MayHold { get; private set; }
    public bool MaySweep { get; private set; }
    public bool MayDisclose { get; private set; }
    public bool MayChoose => MayHold || MayDisclose;

    private const int PageSize = 25;

    public CaseLifecycle? Lifecycle { get; private set; }
    public IReadOnlyList<Case> Items { get; private set; } = [];
    public bool HasNext { get; private set; }
    public int PageNumber { get; private set; }

    public string? CaseNumber { get; private set; }
    public string? State { get; private set; }
    public bool? Held { get; private set; }
    public DateOnly? DueBefore { get; private set; }

    /// <summary>The filters as a query string, for the pager's links.</summary>
    public string FilterQuery => QueryString.Create(new Dictionary<string, string?>
    {
        ["lifecycle"] = Lifecycle?.ToString(), ["caseNumber"] = CaseNumber, ["state"] = State,
        ["held"] = Held?.ToString().ToLowerInvariant(), ["dueBefore"] = DueBefore?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null)).ToUriComponent().TrimStart('?');

    public async Task OnGetAsync(string? lifecycle, string? caseNumber, string? state, string? held, DateOnly? dueBefore, int? page, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.CaseList);
        Lifecycle = Endpoints.CaseValidation.ParseLifecycle(string.IsNullOrEmpty(lifecycle) ? null : lifecycle);
        CaseNumber = Endpoints.CaseValidation.ParseCaseNumberPrefix(caseNumber);
        State = Endpoints.CaseValidation.ParseStateFilter(state);
        Held = held switch { "true" => true, "false" => false, _ => null };
        DueBefore = dueBefore;
        (PageNumber, _) = Endpoints.CaseValidation.ParsePaging(page, PageSize);
        var scope = await authorization.ScopeAsync(HttpContext, caller, Operation.CaseList);
        var filter = new CaseFilter(Lifecycle, CaseNumber, Held, DueBefore, State);
        var found = await cases.ListAsync(scope.Organization, filter, before: null, PageNumber, PageSize, cancellationToken);
        (Items, HasNext) = (found.Items, found.Next is not null);
        MayHold = await authorization.MayAsync(User, Operation.HoldCreate);
        MaySweep = await authorization.MayAsync(User, Operation.RetentionSweep);
        MayDisclose = await authorization.MayAsync(User, Operation.DisclosureCreate);
    }

    /// <summary>Moves the cases whose retention has run out to the disposition queue, as <c>POST /retention/sweep</c>.</summary>
    public async Task<IActionResult> OnPostSweepAsync([FromServices] RetentionSweeper sweeper, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.RetentionSweep);
        var scope = await authorization.ScopeAsync(HttpContext, caller, Operation.RetentionSweep);
        await sweeper.SweepAsync(scope.Organization, cancellationToken);
        return Redirect($"/console/cases?lifecycle={CaseLifecycle.EligibleForDisposition}");
    }
}
