using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>
/// The document <c>/openapi/v1.json</c> serves, fetched once from the real app, with what the app's own endpoint
/// metadata says each documented operation must declare.
/// </summary>
public sealed partial class OpenApiDocumentFixture : IAsyncLifetime
{
    public VaultFactory Factory { get; } = new();

    public string Json { get; private set; } = string.Empty;

    public JsonElement Root { get; private set; }

    /// <summary>Every operation of the document, with the access rules of the endpoint behind it.</summary>
    public IReadOnlyList<DocumentedOperation> Operations { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Json = await Factory.CreateClient().GetStringAsync("/openapi/v1.json");
        using (var parsed = JsonDocument.Parse(Json))
        {
            Root = parsed.RootElement.Clone();
        }

        var policies = Factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var operations = new List<DocumentedOperation>();
        foreach (var path in Root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                var endpoint = endpoints.Single(e => PathOf(e) == path.Name
                    && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true);
                var needsToken = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
                var policy = await AuthorizationPolicy.CombineAsync(
                        policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
                    ?? await policies.GetFallbackPolicyAsync();
                // A policy that asks more than "signed in" (a role, a claim) refuses some signed-in callers with 403.
                var canForbid = needsToken && policy?.Requirements.Any(r => r is not DenyAnonymousAuthorizationRequirement) == true;
                operations.Add(new DocumentedOperation(method, path.Name, operation.Value, needsToken, canForbid));
            }
        }

        Operations = operations;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>The route as the document spells it: a leading '/', no trailing one, no constraints.</summary>
    private static string PathOf(RouteEndpoint endpoint) =>
        "/" + Constraint().Replace(endpoint.RoutePattern.RawText ?? string.Empty, "}").Trim('/');

    [GeneratedRegex(":[^}]*}")]
    private static partial Regex Constraint();
}

/// <summary>One operation of the served document, and whether its endpoint needs a token or can answer 403.</summary>
public sealed record DocumentedOperation(string Method, string Path, JsonElement Operation, bool NeedsToken, bool CanForbid)
{
    public override string ToString() => $"{Method} {Path}";

    public bool Declares(string status) =>
        Operation.TryGetProperty("responses", out var responses) && responses.TryGetProperty(status, out _);
}
