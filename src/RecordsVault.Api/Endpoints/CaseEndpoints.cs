using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Cases;

namespace RecordsVault.Api.Endpoints;

public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("/", CreateAsync)
            .RequireOperation(Operation.CaseCreate)
            .WithAudit("case.create")
            .ProducesValidationProblem();
        cases.MapGet("/{id}", GetAsync)
            .RequireOperation(Operation.CaseRead)
            .WithAudit("case.read", AuditRouteId.Case);
        cases.MapGet("/{id}/history", HistoryAsync)
            .RequireOperation(Operation.CaseHistory)
            .WithAudit("case.history", AuditRouteId.Case)
            .ProducesValidationProblem();
        cases.MapGet("/", ListAsync)
            .RequireOperation(Operation.CaseList)
            .WithAudit("case.list")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Created<CaseResponse>> CreateAsync(
        CreateCaseRequest request, HttpContext http, Caller caller, CaseService cases, TimeProvider clock,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(http, OrganizationScope.Only(caller.Organization), Operation.CaseCreate, "The organization");
        var newCase = request.ToNewCase(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var created = await cases.CreateAsync(newCase, caller.Organization, caller.Subject, cancellationToken);
        return TypedResults.Created($"/cases/{created.Id}", CaseResponse.From(created));
    }

    private static async Task<Ok<CaseResponse>> GetAsync(
        string id, HttpContext http, CaseService cases, CaseViews views, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var found = await cases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The case");
        await authorization.RequireAsync(http, found, Operation.CaseRead, "The case");
        return TypedResults.Ok(await views.ViewAsync(found, cancellationToken));
    }

    /// <summary>
    /// The case's events, newest first, for the people who work on it: who did what and when, and its outcome. Events
    /// from before a handover are included (they are the case's history); other cases' ids, client addresses and
    /// hashes are an auditor's (<c>GET /audit</c>).
    /// </summary>
    private static async Task<Ok<CaseHistory>> HistoryAsync(
        string id, HttpContext http, CaseService cases, AuditLog log, IAuthorizationService authorization, CancellationToken cancellationToken,
        long? before = null, int? pageSize = null)
    {
        var found = await cases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The case");
        await authorization.RequireAsync(http, found, Operation.CaseHistory, "The case");
        var (_, size) = CaseValidation.ParsePaging(null, pageSize);
        if (before is < 1)
        {
            throw new ValidationException("before", "The cursor is a sequence number from a previous page's next, 1 or more.");
        }

        var page = await log.SearchAsync(new AuditSearch(null, found.Id, null, null, null, null, before, size), cancellationToken);
        return TypedResults.Ok(new CaseHistory([.. page.Items.Select(CaseHistoryEntry.From)], size, page.Next));
    }

    private static async Task<Ok<CaseList>> ListAsync(
        HttpContext http, Caller caller, CaseService cases, IAuthorizationService authorization, CancellationToken cancellationToken,
        string? lifecycle = null, int? page = null, int? pageSize = null, string? before = null,
        string? caseNumber = null, bool? held = null, DateOnly? retainUntilBefore = null, string? state = null)
    {
        var filter = new CaseFilter(
            CaseValidation.ParseLifecycle(lifecycle), CaseValidation.ParseCaseNumberPrefix(caseNumber), held, retainUntilBefore,
            CaseValidation.ParseStateFilter(state));
        var (pageNumber, size) = CaseValidation.ParsePaging(page, pageSize);
        var cursor = CaseValidation.ParseCursor(before, page);
        var scope = await authorization.ScopeAsync(http, caller, Operation.CaseList);
        var found = await cases.ListAsync(scope.Organization, filter, cursor, pageNumber, size, cancellationToken);
        return TypedResults.Ok(new CaseList(found.Items.Select(CaseResponse.From).ToList(), cursor is null ? pageNumber : null, size, found.Next));
    }
}
