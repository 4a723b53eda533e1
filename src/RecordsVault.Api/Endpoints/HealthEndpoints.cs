using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace RecordsVault.Api.Endpoints;

public static class HealthEndpoints
{
    /// <summary><c>/health</c> answers once the process is live; <c>/health/ready</c> only while every dependency answers.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
