using Microsoft.Extensions.Options;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Api.Audit;

/// <summary>
/// Writes one audit event per audited request. It runs outside the exception handler, so it sees the final
/// status. A change's event has already committed with the change; otherwise the event is appended here,
/// with the outcome the status says. 401 is not recorded: without a valid token there is no actor.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, IOptions<VaultIdentityOptions> identity)
{
    public const string RequestIdHeader = "X-Request-Id";

    public async Task InvokeAsync(HttpContext http, AuditTrail trail)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditMetadata>() is not { } metadata)
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

        try
        {
            await next(http);
        }
        catch
        {
            // Only what the exception handler could not answer gets here.
            await AppendAsync(http, trail, AuditOutcome.Failed);
            throw;
        }

        if (OutcomeOf(http.Response.StatusCode) is { } outcome)
        {
            await AppendAsync(http, trail, outcome);
        }
    }

    /// <summary>2xx and 3xx succeeded; 403 and 404 were refusals (404 is how another organization's id is refused); the rest failed.</summary>
    public static AuditOutcome? OutcomeOf(int status) => status switch
    {
        401 => null,
        < 400 => AuditOutcome.Succeeded,
        403 or 404 => AuditOutcome.Denied,
        _ => AuditOutcome.Failed,
    };

    private static async Task AppendAsync(HttpContext http, AuditTrail trail, AuditOutcome outcome)
    {
        if (trail.IsOpen && http.User.Identity?.IsAuthenticated == true)
        {
            // Not the request's token: the event is written even when the client has gone.
            await http.RequestServices.GetRequiredService<VaultDbContext>().AppendAuditAsync(outcome, CancellationToken.None);
        }
    }

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
