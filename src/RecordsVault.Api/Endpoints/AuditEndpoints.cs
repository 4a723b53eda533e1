using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Cases;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// Reading and verifying the audit trail. Those with a reach over every organization see every event; a
/// provider's auditor sees the events its own people performed and those that touched its cases, with only its
/// own cases' ids in them. Verification covers the whole chain (it cannot be checked in parts) and reveals no
/// event, so it answers everyone the table allows.
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/", SearchAsync)
            .RequireOperation(Operation.AuditRead)
            .WithAudit("audit.read")
            .ProducesValidationProblem();
        audit.MapGet("/verify", VerifyAsync)
            .RequireOperation(Operation.AuditVerify)
            .WithAudit("audit.verify");
        return app;
    }

    private static async Task<Ok<AuditPageResponse>> SearchAsync(
        HttpContext http, Caller caller, AuditLog log, CaseService cases, IAuthorizationService authorization, CancellationToken cancellationToken,
        string? caseId = null, string? actor = null, string? action = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        long? before = null, int? pageSize = null)
    {
        var (_, size) = CaseValidation.ParsePaging(null, pageSize);
        if (from > to)
        {
            throw new ValidationException("to", "The end of the period cannot come before its start.");
        }

        if (before is < 1)
        {
            throw new ValidationException("before", "The cursor is a sequence number from a previous page's next, 1 or more.");
        }

        var scope = await authorization.ScopeAsync(http, caller, Operation.AuditRead);
        var search = new AuditSearch(
            scope.Organization, Blank(caseId), Blank(actor), Blank(action), from?.UtcDateTime, to?.UtcDateTime, before, size);
        var page = await log.SearchAsync(search, cancellationToken);
        var shown = await ShownCaseIdsAsync(page.Items, scope, cases, cancellationToken);
        return TypedResults.Ok(new AuditPageResponse([.. page.Items.Select(e => AuditEventResponse.From(e, shown))], size, page.Next));
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(
        HttpContext http, Caller caller, AuditVerifier verifier, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        await authorization.ScopeAsync(http, caller, Operation.AuditVerify);
        return TypedResults.Ok(await verifier.VerifyAsync(null, cancellationToken));
    }

    /// <summary>Of the case ids in these events, those the scope covers: an event can name other organizations' cases too.</summary>
    internal static async Task<Func<string, bool>> ShownCaseIdsAsync(
        IReadOnlyList<AuditEvent> events, OrganizationScope scope, CaseService cases, CancellationToken cancellationToken)
    {
        if (scope.IsEvery)
        {
            return _ => true;
        }

        var ids = events.SelectMany(e => e.CaseIds.Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        var owned = await cases.OwnedByAsync(ids, scope.Organization!, cancellationToken);
        return owned.Contains;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
