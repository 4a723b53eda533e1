using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// Reading and verifying the audit trail. ORR's auditors and officials see every event; a provider's
/// auditor sees the events its own people performed and those that touched its cases. Verification covers
/// the whole chain (it cannot be checked in parts), so it answers everyone with the role.
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.AuditReader);
        audit.MapGet("/", SearchAsync).WithAudit("audit.read").ProducesValidationProblem();
        audit.MapGet("/verify", VerifyAsync).WithAudit("audit.verify");
        return app;
    }

    private static async Task<Ok<PagedList<AuditEventResponse>>> SearchAsync(
        Caller caller, AuditLog log, CancellationToken cancellationToken,
        string? caseId = null, string? actor = null, string? action = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        int? page = null, int? pageSize = null)
    {
        var (pageNumber, size) = CaseValidation.ParsePaging(page, pageSize);
        if (from > to)
        {
            throw new ValidationException("to", "The end of the period cannot come before its start.");
        }

        var search = new AuditSearch(
            caller.ScopeOrganization, Blank(caseId), Blank(actor), Blank(action), from?.UtcDateTime, to?.UtcDateTime, pageNumber, size);
        var (items, total) = await log.SearchAsync(search, cancellationToken);
        return TypedResults.Ok(new PagedList<AuditEventResponse>(items.Select(AuditEventResponse.From).ToList(), pageNumber, size, total));
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(AuditVerifier verifier, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verifier.VerifyAsync(null, cancellationToken));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
