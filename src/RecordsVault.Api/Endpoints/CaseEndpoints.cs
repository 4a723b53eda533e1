using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Cases;

namespace RecordsVault.Api.Endpoints;

public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("/", CreateAsync).WithAudit("case.create").RequireAuthorization(Policies.CaseWriter).ProducesValidationProblem();
        cases.MapGet("/{id}", GetAsync).WithAudit("case.read", AuditRouteId.Case).RequireAuthorization(Policies.CaseReader).ProducesProblem(404);
        cases.MapGet("/", ListAsync).WithAudit("case.list").RequireAuthorization(Policies.CaseReader).ProducesValidationProblem();
        return app;
    }

    private static async Task<Created<CaseResponse>> CreateAsync(
        CreateCaseRequest request, Caller caller, CaseService cases, TimeProvider clock, CancellationToken cancellationToken)
    {
        var newCase = request.ToNewCase(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var created = await cases.CreateAsync(newCase, caller.Organization, caller.Subject, cancellationToken);
        return TypedResults.Created($"/cases/{created.Id}", CaseResponse.From(created));
    }

    private static async Task<Ok<CaseResponse>> GetAsync(
        string id, HttpContext http, CaseService cases, CaseViews views, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var found = await cases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The case");
        await authorization.RequireAsync(http, found, CaseOperation.Read);
        return TypedResults.Ok(await views.ViewAsync(found, cancellationToken));
    }

    private static async Task<Ok<PagedList<CaseResponse>>> ListAsync(
        Caller caller, CaseService cases, CancellationToken cancellationToken,
        string? lifecycle = null, int? page = null, int? pageSize = null)
    {
        var filter = CaseValidation.ParseLifecycle(lifecycle);
        var (pageNumber, size) = CaseValidation.ParsePaging(page, pageSize);
        var (items, total) = await cases.ListAsync(caller.ScopeOrganization, filter, pageNumber, size, cancellationToken);
        return TypedResults.Ok(new PagedList<CaseResponse>(items.Select(CaseResponse.From).ToList(), pageNumber, size, total));
    }
}
