using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Holds;
using RecordsVault.Infrastructure.Holds;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// Litigation holds. A records manager holds and sees its own organization's cases; ORR officials any.
/// A hold another organization created can be seen by those whose cases it covers, but released only by
/// its creator's organization or ORR.
/// </summary>
public static class HoldEndpoints
{
    public static IEndpointRouteBuilder MapHoldEndpoints(this IEndpointRouteBuilder app)
    {
        var holds = app.MapGroup("/holds").WithTags("Holds");
        holds.MapPost("/", CreateAsync).WithAudit("hold.create").RequireAuthorization(Policies.RetentionManager).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        holds.MapGet("/", ListAsync).WithAudit("hold.list").RequireAuthorization(Policies.HoldReader);
        holds.MapGet("/{id}", GetAsync).WithAudit("hold.read", AuditRouteId.Hold).RequireAuthorization(Policies.HoldReader).ProducesProblem(404);
        holds.MapPost("/{id}/release", ReleaseAsync).WithAudit("hold.release", AuditRouteId.Hold).RequireAuthorization(Policies.RetentionManager).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Created<HoldResponse>> CreateAsync(
        CreateHoldRequest request, HttpContext http, Caller caller, HoldService holds, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var matter = Text.Required(request.Matter, "matter", 200);
        var reason = Text.Required(request.Reason, "reason", 1000);
        if (request.CaseIds is not { Count: > 0 and <= 1000 } caseIds || caseIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ValidationException("caseIds", "Between 1 and 1000 case ids are required.");
        }

        // Decided per case by the resource handler; a case the caller may not hold is reported as not found.
        var hold = await holds.CreateAsync(
            matter, reason, caseIds, caller.Subject, caller.Organization,
            async c => (await authorization.AuthorizeAsync(http.User, c, CaseOperation.Hold)).Succeeded, cancellationToken);
        return TypedResults.Created($"/holds/{hold.Id}", HoldResponse.From(hold, hold.Cases.Select(c => c.CaseId).ToList()));
    }

    private static async Task<Ok<List<HoldResponse>>> ListAsync(Caller caller, HoldService holds, CancellationToken cancellationToken)
    {
        var list = new List<HoldResponse>();
        foreach (var hold in await holds.ListAsync(caller.ScopeOrganization, cancellationToken))
        {
            list.Add(HoldResponse.From(hold, await holds.VisibleCaseIdsAsync(hold, caller.ScopeOrganization, cancellationToken)));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Ok<HoldResponse>> GetAsync(string id, Caller caller, HoldService holds, CancellationToken cancellationToken)
    {
        var (hold, visible) = await FindVisibleAsync(id, caller, holds, cancellationToken);
        return TypedResults.Ok(HoldResponse.From(hold, visible));
    }

    private static async Task<Ok<HoldResponse>> ReleaseAsync(
        string id, ReleaseHoldRequest request, Caller caller, HoldService holds, CancellationToken cancellationToken)
    {
        var (hold, visible) = await FindVisibleAsync(id, caller, holds, cancellationToken);
        var resolution = Text.Required(request.Resolution, "resolution", 1000);
        if (!caller.SeesEveryOrganization && hold.CreatedByOrganization != caller.Organization)
        {
            throw new ForbiddenException("Only the organization that applied this hold, or ORR, can release it.");
        }

        var released = await holds.ReleaseAsync(hold, caller.Subject, resolution, cancellationToken);
        return TypedResults.Ok(HoldResponse.From(released, visible));
    }

    private static async Task<(LitigationHold Hold, IReadOnlyList<string> Visible)> FindVisibleAsync(
        string id, Caller caller, HoldService holds, CancellationToken cancellationToken)
    {
        var hold = await holds.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The hold");
        var visible = await holds.VisibleCaseIdsAsync(hold, caller.ScopeOrganization, cancellationToken);
        return visible.Count > 0 || caller.SeesEveryOrganization ? (hold, visible) : throw new NotFoundException("The hold");
    }
}
