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
public sealed record AuditMetadata(string Action, AuditRouteId RouteId)
{
    /// <summary>
    /// The audited action of this request: the route's, or for a console page the <see cref="AuditAttribute"/> that
    /// matches the request's method and page handler (one page answers several actions, as GET and POST).
    /// </summary>
    public static AuditMetadata? Of(HttpContext http)
    {
        var metadata = http.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<AuditMetadata>() is { } route)
        {
            return route;
        }

        var handler = http.Request.Query["handler"].ToString();
        return metadata?.GetOrderedMetadata<AuditAttribute>()
            .FirstOrDefault(a => HttpMethods.Equals(a.Method, http.Request.Method) && string.Equals(a.Handler ?? string.Empty, handler, StringComparison.OrdinalIgnoreCase))
            ?.Metadata;
    }
}

/// <summary>On a console page model: audits the page's <paramref name="method"/> requests (of <see cref="Handler"/>, if named) as <paramref name="action"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class AuditAttribute(string method, string action, AuditRouteId routeId = AuditRouteId.None) : Attribute
{
    public string Method { get; } = method;

    /// <summary>The Razor Pages handler (<c>?handler=</c>) the action belongs to; null for the page's plain GET or POST.</summary>
    public string? Handler { get; init; }

    public AuditMetadata Metadata { get; } = new(action, routeId);
}

public static class AuditMetadataExtensions
{
    /// <summary>Audits every call of the route as <paramref name="action"/>, e.g. <c>case.read</c>.</summary>
    public static TBuilder WithAudit<TBuilder>(this TBuilder builder, string action, AuditRouteId routeId = AuditRouteId.None)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditMetadata(action, routeId));
}
