using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Api.Audit;

/// <summary>
/// Writes one audit event per audited request. It runs outside the exception handler, so it sees the final
/// status. A change's event has already committed with the change; a successful read's is appended before its
/// answer starts (see <see cref="AuditedResponseBody"/>); otherwise the event is appended here, once the request
/// has ended, with the outcome the status says. 401 is not recorded: without a valid token there is no actor.
/// </summary>
public sealed partial class AuditMiddleware(RequestDelegate next, IOptions<VaultIdentityOptions> identity, ILogger<AuditMiddleware> logger)
{
    public const string RequestIdHeader = "X-Request-Id";

    public async Task InvokeAsync(HttpContext http, AuditTrail trail)
    {
        if (AuditMetadata.Of(http) is not { } metadata)
        {
            await next(http);
            return;
        }

        trail.Begin(metadata.Action, () => Actor(http), http.Connection.RemoteIpAddress?.ToString(), http.TraceIdentifier);
        AddRouteTarget(http, trail, metadata.RouteId);
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[RequestIdHeader] = http.TraceIdentifier;
            return Task.CompletedTask;
        });

        var body = new AuditedResponseBody(http.Features.GetRequiredFeature<IHttpResponseBodyFeature>(), () => AppendBeforeStartAsync(http, trail));
        http.Features.Set<IHttpResponseBodyFeature>(body);
        http.Features.Set(body);
        try
        {
            await next(http);
            await body.ReleaseAsync();
        }
        catch (Exception ex) when (!http.Response.HasStarted && OutcomeOf(http.Response.StatusCode) == AuditOutcome.Succeeded && IsDatabaseFailure(ex))
        {
            // A successful answer that wrote nothing the exception handler saw, and whose event could not be written:
            // it is not sent, and the client learns the database failed, as with any other request.
            await AnswerUnavailableAsync(http, body, ex);
        }
        catch
        {
            // Only what the exception handler could not answer gets here.
            await AppendAsync(http, trail, AuditOutcome.Failed, metadata.Action);
            throw;
        }

        if (OutcomeOf(http.Response.StatusCode) is { } outcome)
        {
            await AppendAsync(http, trail, outcome, metadata.Action);
        }
    }

    private static bool IsDatabaseFailure(Exception ex) =>
        ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or Core.Errors.DependencyUnavailableException
        || ex.InnerException is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException;

    private static async Task AnswerUnavailableAsync(HttpContext http, AuditedResponseBody body, Exception ex)
    {
        body.DiscardUnsent();
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "The database is unavailable." },
            Exception = ex,
        });
    }

    /// <summary>
    /// A successful answer's event is durable before the answer's first byte leaves, so a client never holds data the
    /// trail lacks. It is appended through a context of its own: the request's may still be reading what it writes.
    /// A failure here is thrown to the write that started the answer, so the client gets a problem instead.
    /// </summary>
    private static async Task AppendBeforeStartAsync(HttpContext http, AuditTrail trail)
    {
        if (!trail.IsOpen || http.User.Identity?.IsAuthenticated != true || OutcomeOf(http.Response.StatusCode) != AuditOutcome.Succeeded)
        {
            return;
        }

        await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AppendAuditAsync(trail, AuditOutcome.Succeeded, CancellationToken.None);
    }

    /// <summary>2xx and 3xx succeeded; 403 and 404 were refusals (404 is how another organization's id is refused); the rest failed.</summary>
    public static AuditOutcome? OutcomeOf(int status) => status switch
    {
        401 => null,
        < 400 => AuditOutcome.Succeeded,
        403 or 404 => AuditOutcome.Denied,
        _ => AuditOutcome.Failed,
    };

    private async Task AppendAsync(HttpContext http, AuditTrail trail, AuditOutcome outcome, string action)
    {
        if (!trail.IsOpen || http.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        try
        {
            // Not the request's token: the event is written even when the client has gone.
            await http.RequestServices.GetRequiredService<VaultDbContext>().AppendAuditAsync(outcome, CancellationToken.None);
        }
        catch (Exception ex) when (outcome != AuditOutcome.Succeeded && IsDatabaseFailure(ex))
        {
            // The request has failed or been refused, and its answer (typically 503: the database is unavailable) is on
            // its way; the same outage keeps its event out of the trail. The gap is logged instead of breaking that answer.
            // A request that succeeded still fails here: its client must not take an unaudited answer for a good one.
            LogEventLost(logger, action, outcome, http.TraceIdentifier, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Audit event {Action} (outcome {Outcome}) of request {RequestId} could not be written: the database failed ({ExceptionType})")]
    private static partial void LogEventLost(ILogger logger, string action, AuditOutcome outcome, string requestId, string exceptionType);

    private AuditActor Actor(HttpContext http)
    {
        var caller = CallerClaims.From(http.User, identity.Value.OrgClaim);
        return new AuditActor(caller.Subject, caller.Organization, caller.Roles);
    }

    private static void AddRouteTarget(HttpContext http, AuditTrail trail, AuditRouteId routeId)
    {
        if (http.Request.RouteValues.TryGetValue("id", out var value) && value is string id)
        {
            switch (routeId)
            {
                case AuditRouteId.Case: trail.AddCase(id, null); break;
                case AuditRouteId.Record: trail.SetRecord(id); break;
                case AuditRouteId.Hold or AuditRouteId.Target: trail.SetTarget(id); break;
                case AuditRouteId.None: break;
            }
        }
    }
}
