using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Holds;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Holds;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// Litigation holds. Who may apply, read and release one is the permission table's to say (HoldHandler); a
/// caller sees only the case ids of a hold that lie in the organizations it reaches.
/// </summary>
public static class HoldEndpoints
{
    public static IEndpointRouteBuilder MapHoldEndpoints(this IEndpointRouteBuilder app)
    {
        var holds = app.MapGroup("/holds").WithTags("Holds");
        holds.MapPost("/", CreateAsync)
            .RequireOperation(Operation.HoldCreate)
            .WithAudit("hold.create")
            .ProducesValidationProblem()
            .ProducesProblem(409);
        holds.MapGet("/", ListAsync)
            .RequireOperation(Operation.HoldList)
            .WithAudit("hold.list")
            .ProducesValidationProblem();
        holds.MapGet("/{id}", GetAsync)
            .RequireOperation(Operation.HoldRead)
            .WithAudit("hold.read", AuditRouteId.Hold);
        holds.MapPost("/{id}/release", ReleaseAsync)
            .RequireOperation(Operation.HoldRelease)
            .WithAudit("hold.release", AuditRouteId.Hold)
            .ProducesValidationProblem()
            .ProducesProblem(409);
        return app;
    }

    private static async Task<Created<HoldResponse>> CreateAsync(
        CreateHoldRequest request, HttpContext http, Caller caller, CaseService cases, HoldService holds,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var matter = Text.Required(request.Matter, "matter", 200);
        var reason = Text.Required(request.Reason, "reason", 1000);
        var caseIds = IdList.Required(request.CaseIds, "caseIds", 1000);
        foreach (var found in await cases.FindManyAsync(caseIds, "Case", cancellationToken))
        {
            await authorization.RequireAsync(http, found, Operation.HoldCreate, $"Case {found.Id}");
        }

        var hold = await holds.CreateAsync(matter, reason, caseIds, caller.Subject, caller.Organization, cancellationToken);
        return TypedResults.Created($"/holds/{hold.Id}", HoldResponse.From(hold, hold.Cases.Select(c => c.CaseId).ToList()));
    }

    private static async Task<Ok<PagedList<HoldResponse>>> ListAsync(
        HttpContext http, Caller caller, HoldService holds, IAuthorizationService authorization, CancellationToken cancellationToken,
        int? page = null, int? pageSize = null)
    {
        var (pageNumber, size) = CaseValidation.ParsePaging(page, pageSize);
        var scope = await authorization.ScopeAsync(http, caller, Operation.HoldList);
        var (items, total) = await holds.ListAsync(scope.Organization, pageNumber, size, cancellationToken);
        return TypedResults.Ok(new PagedList<HoldResponse>([.. items.Select(v => HoldResponse.From(v.Hold, v.CaseIds))], pageNumber, size, total));
    }

    private static async Task<Ok<HoldResponse>> GetAsync(
        string id, HttpContext http, Caller caller, HoldService holds, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var hold = await FindAsync(id, Operation.HoldRead, http, holds, authorization, cancellationToken);
        return TypedResults.Ok(HoldResponse.From(hold, await VisibleCaseIdsAsync(hold, http, caller, holds, authorization, cancellationToken)));
    }

    private static async Task<Ok<HoldResponse>> ReleaseAsync(
        string id, ReleaseHoldRequest request, HttpContext http, Caller caller, HoldService holds,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var hold = await FindAsync(id, Operation.HoldRelease, http, holds, authorization, cancellationToken);
        var resolution = Text.Required(request.Resolution, "resolution", 1000);
        var released = await holds.ReleaseAsync(hold, caller.Subject, resolution, cancellationToken);
        return TypedResults.Ok(HoldResponse.From(released, await VisibleCaseIdsAsync(hold, http, caller, holds, authorization, cancellationToken)));
    }

    private static async Task<LitigationHold> FindAsync(
        string id, Operation operation, HttpContext http, HoldService holds, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var hold = await holds.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The hold");
        await authorization.RequireAsync(http, hold, operation, "The hold");
        return hold;
    }

    /// <summary>The hold's cases in the organizations the caller's hold listing covers (the table gives HoldList and HoldRead the same grants).</summary>
    private static async Task<IReadOnlyList<string>> VisibleCaseIdsAsync(
        LitigationHold hold, HttpContext http, Caller caller, HoldService holds, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var scope = await authorization.ScopeAsync(http, caller, Operation.HoldList);
        return await holds.VisibleCaseIdsAsync(hold, scope.Organization, cancellationToken);
    }
}
