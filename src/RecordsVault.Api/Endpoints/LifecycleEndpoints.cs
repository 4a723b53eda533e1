using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
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
        var cases = app.MapGroup("/cases/{id}").WithTags("Lifecycle").ProducesProblem(409);
        cases.MapPost("/close", CloseAsync)
            .RequireOperation(Operation.CaseClose)
            .WithAudit("case.close", AuditRouteId.Case)
            .ProducesValidationProblem();
        cases.MapPost("/reopen", ReopenAsync)
            .RequireOperation(Operation.CaseReopen)
            .WithAudit("case.reopen", AuditRouteId.Case);
        cases.MapGet("/retention", RetentionAsync)
            .RequireOperation(Operation.RetentionRead)
            .WithAudit("case.retention", AuditRouteId.Case);
        cases.MapPost("/disposition", RequestDispositionAsync)
            .RequireOperation(Operation.DispositionRequest)
            .WithAudit("disposition.request", AuditRouteId.Case);
        cases.MapPost("/disposition/approve", ApproveDispositionAsync)
            .RequireOperation(Operation.DispositionApprove)
            .WithAudit("disposition.approve", AuditRouteId.Case);
        cases.MapPost("/disposition/reject", RejectDispositionAsync)
            .RequireOperation(Operation.DispositionReject)
            .WithAudit("disposition.reject", AuditRouteId.Case)
            .ProducesValidationProblem();
        app.MapPost("/retention/sweep", SweepAsync)
            .WithTags("Lifecycle")
            .RequireOperation(Operation.RetentionSweep)
            .WithAudit("retention.sweep");
        return app;
    }

    private static async Task<Ok<CaseResponse>> CloseAsync(
        string id, CloseCaseRequest request, HttpContext http, LifecycleService lifecycle, CaseViews views,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, Operation.CaseClose, http, lifecycle, authorization, cancellationToken);
        var end = request.ServicePeriodEnd ?? throw new ValidationException("servicePeriodEnd", "The date services ended is required.");
        var reason = Text.Required(request.Reason, "reason", 500);
        await lifecycle.CloseAsync(target, end, reason, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<CaseResponse>> ReopenAsync(
        string id, HttpContext http, LifecycleService lifecycle, CaseViews views, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, Operation.CaseReopen, http, lifecycle, authorization, cancellationToken);
        await lifecycle.ReopenAsync(target, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<RetentionResponse>> RetentionAsync(
        string id, HttpContext http, LifecycleService lifecycle, HoldService holds, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, Operation.RetentionRead, http, lifecycle, authorization, cancellationToken);
        var outcome = lifecycle.Evaluate(target);
        var activeHolds = await holds.ActiveHoldIdsAsync(target.Id, cancellationToken);
        return TypedResults.Ok(RetentionResponse.From(target, outcome, activeHolds, lifecycle.Today));
    }

    private static async Task<Ok<CaseResponse>> RequestDispositionAsync(
        string id, HttpContext http, Caller caller, LifecycleService lifecycle, CaseViews views,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, Operation.DispositionRequest, http, lifecycle, authorization, cancellationToken);
        await lifecycle.RequestDispositionAsync(target, caller.Subject, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<CaseResponse>> ApproveDispositionAsync(
        string id, HttpContext http, Caller caller, LifecycleService lifecycle, DispositionService dispositions, CaseViews views,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, Operation.DispositionApprove, http, lifecycle, authorization, cancellationToken);
        await dispositions.ApproveAsync(target, caller.Subject, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<CaseResponse>> RejectDispositionAsync(
        string id, RejectDispositionRequest request, HttpContext http, LifecycleService lifecycle, CaseViews views,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, Operation.DispositionReject, http, lifecycle, authorization, cancellationToken);
        Text.Required(request.Reason, "reason", 500);
        await lifecycle.RejectDispositionAsync(target, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(target, cancellationToken));
    }

    private static async Task<Ok<SweepResult>> SweepAsync(
        HttpContext http, Caller caller, RetentionSweeper sweeper, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var scope = await authorization.ScopeAsync(http, caller, Operation.RetentionSweep);
        return TypedResults.Ok(await sweeper.SweepAsync(scope.Organization, cancellationToken));
    }

    private static async Task<Case> LoadAsync(
        string id, Operation operation, HttpContext http, LifecycleService lifecycle, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var target = await lifecycle.LoadAsync(id, cancellationToken);
        await authorization.RequireAsync(http, target, operation, "The case");
        return target;
    }
}
