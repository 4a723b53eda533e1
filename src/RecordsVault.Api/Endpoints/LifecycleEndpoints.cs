using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Holds;
using RecordsVault.Infrastructure.Retention;

namespace RecordsVault.Api.Endpoints;

/// <summary>Closing, reopening and disposing of cases, and what the retention rules say about them.</summary>
public static class LifecycleEndpoints
{
    public static IEndpointRouteBuilder MapLifecycleEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/cases/{id}").WithTags("Lifecycle").ProducesProblem(404).ProducesProblem(409);
        cases.MapPost("/close", CloseAsync).WithAudit("case.close", AuditRouteId.Case).RequireAuthorization(Policies.CaseWriter).ProducesValidationProblem();
        cases.MapPost("/reopen", ReopenAsync).WithAudit("case.reopen", AuditRouteId.Case).RequireAuthorization(Policies.RecordsManager);
        cases.MapGet("/retention", RetentionAsync).WithAudit("case.retention", AuditRouteId.Case).RequireAuthorization(Policies.RetentionReader);
        cases.MapPost("/disposition", RequestDispositionAsync).WithAudit("disposition.request", AuditRouteId.Case).RequireAuthorization(Policies.RecordsManager);
        cases.MapPost("/disposition/approve", ApproveDispositionAsync).WithAudit("disposition.approve", AuditRouteId.Case).RequireAuthorization(Policies.RetentionManager).ProducesProblem(403);
        cases.MapPost("/disposition/reject", RejectDispositionAsync).WithAudit("disposition.reject", AuditRouteId.Case).RequireAuthorization(Policies.RetentionManager).ProducesProblem(403);
        app.MapPost("/retention/sweep", SweepAsync).WithTags("Lifecycle").WithAudit("retention.sweep").RequireAuthorization(Policies.RetentionManager);
        return app;
    }

    private static async Task<Ok<CaseResponse>> CloseAsync(
        string id, CloseCaseRequest request, HttpContext http, LifecycleService lifecycle, CaseViews views,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, CaseOperation.Close, http, lifecycle, authorization, cancellationToken);
        var end = request.ServicePeriodEnd ?? throw new ValidationException("servicePeriodEnd", "The date services ended is required.");
        var reason = Text.Required(request.Reason, "reason", 500);
        await lifecycle.CloseAsync(target, end, reason, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<CaseResponse>> ReopenAsync(
        string id, HttpContext http, LifecycleService lifecycle, CaseViews views, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, CaseOperation.Manage, http, lifecycle, authorization, cancellationToken);
        await lifecycle.ReopenAsync(target, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<RetentionResponse>> RetentionAsync(
        string id, HttpContext http, LifecycleService lifecycle, HoldService holds, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, CaseOperation.ReadRetention, http, lifecycle, authorization, cancellationToken);
        var outcome = lifecycle.Evaluate(target);
        var activeHolds = await holds.ActiveHoldIdsAsync(target.Id, cancellationToken);
        return TypedResults.Ok(RetentionResponse.From(target, outcome, activeHolds, lifecycle.Today));
    }

    private static async Task<Ok<CaseResponse>> RequestDispositionAsync(
        string id, HttpContext http, Caller caller, LifecycleService lifecycle, CaseViews views,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, CaseOperation.Manage, http, lifecycle, authorization, cancellationToken);
        await lifecycle.RequestDispositionAsync(target, caller.Subject, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<CaseResponse>> ApproveDispositionAsync(
        string id, HttpContext http, Caller caller, LifecycleService lifecycle, DispositionService dispositions, CaseViews views,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, CaseOperation.DecideDisposition, http, lifecycle, authorization, cancellationToken);
        await dispositions.ApproveAsync(target, caller.Subject, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<CaseResponse>> RejectDispositionAsync(
        string id, RejectDispositionRequest request, HttpContext http, Caller caller, LifecycleService lifecycle, CaseViews views,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, CaseOperation.DecideDisposition, http, lifecycle, authorization, cancellationToken);
        Text.Required(request.Reason, "reason", 500);
        if (target.Lifecycle == CaseLifecycle.DispositionPending && target.DispositionRequestedBy == caller.Subject)
        {
            throw new ForbiddenException("The requester of a disposition cannot decide it; withdraw it by reopening, or ask another records manager.");
        }

        await lifecycle.RejectDispositionAsync(target, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<SweepResult>> SweepAsync(RetentionSweeper sweeper, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sweeper.SweepAsync(organization: null, cancellationToken));

    private static async Task<Case> LoadAsync(
        string id, CaseOperation operation, HttpContext http, LifecycleService lifecycle, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await lifecycle.LoadAsync(id, cancellationToken);
        await authorization.RequireAsync(http, target, operation);
        return target;
    }
}
