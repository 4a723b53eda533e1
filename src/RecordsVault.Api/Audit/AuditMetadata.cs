namespace RecordsVault.Api.Audit;

/// <summary>What a route's <c>{id}</c> names, so the audit event can carry it even when the request is refused.</summary>
public enum AuditRouteId
{
    None,
    Case,
    Record,
    Hold,

    /// <summary>The route's id is some other target: a disclosure or a release.</summary>
    Target,
}

/// <summary>Endpoint metadata: the audited action name of a route. Routes without it (health, OpenAPI) are not audited.</summary>
public sealed record AuditMetadata(string Action, AuditRouteId RouteId);

public static class AuditMetadataExtensions
{
    /// <summary>Audits every call of the route as <paramref name="action"/>, e.g. <c>case.read</c>.</summary>
    public static TBuilder WithAudit<TBuilder>(this TBuilder builder, string action, AuditRouteId routeId = AuditRouteId.None)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditMetadata(action, routeId));
}
