using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Cases;

namespace RecordsVault.Api.Console.Pages.Audit;

/// <summary>The audit trail with the filters of <c>GET /audit</c>, and the chain's verification (<c>GET /audit/verify</c>).</summary>
[Audit("GET", "audit.read")]
[Audit("GET", "audit.verify", Handler = "verify")]
public sealed class AuditModel(AuditLog log, AuditVerifier verifier, CaseService cases, Caller caller, IAuthorizationService authorization) : PageModel
{
    private const int PageSize = 50;

    public IReadOnlyList<AuditEventResponse> Items { get; private set; } = [];
    /// <summary>The cursor this page was read from (null: the newest events), and the next, older page's (null: none).</summary>
    public long? Before { get; private set; }
    public long? Next { get; private set; }
    public AuditVerification? Verification { get; private set; }
    public bool MayVerify { get; private set; }

    public string? CaseId { get; private set; }
    public string? Actor { get; private set; }
    public string? Action { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }

    public async Task OnGetAsync(string? caseId, string? actor, string? action, DateOnly? from, DateOnly? to, long? before, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.AuditRead);
        (CaseId, Actor, Action, From, To) = (Blank(caseId), Blank(actor), Blank(action), from, to);
        if (before is < 1)
        {
            throw new ValidationException("before", "The cursor is a sequence number from the Older events link, 1 or more.");
        }

        Before = before;
        if (from > to)
        {
            throw new ValidationException("to", "The end of the period cannot come before its start.");
        }

        var scope = await authorization.ScopeAsync(HttpContext, caller, Operation.AuditRead);
        var search = new AuditSearch(
            scope.Organization, CaseId, Actor, Action, StartOf(from), StartOf(to?.AddDays(1)), before, PageSize);
        var page = await log.SearchAsync(search, cancellationToken);
        var shown = await AuditEndpoints.ShownCaseIdsAsync(page.Items, scope, cases, cancellationToken);
        Items = [.. page.Items.Select(e => AuditEventResponse.From(e, shown))];
        Next = page.Next;
        MayVerify = await authorization.MayAsync(User, Operation.AuditVerify);
    }

    public async Task OnGetVerifyAsync(CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.AuditVerify);
        await authorization.ScopeAsync(HttpContext, caller, Operation.AuditVerify);
        Verification = await verifier.VerifyAsync(null, cancellationToken);
        MayVerify = true;
    }

    private static DateTime? StartOf(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
