using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;

namespace RecordsVault.ApiTests;

/// <summary>
/// Every route, with every non-empty combination of the five roles, from the case's own provider, another
/// provider and ORR. The expected answer is worked out here from the permission table's rows, by the rules the
/// contract states, not by asking the handlers.
/// </summary>
public sealed class RoleMatrixTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] Organizations = ["prov-a", "prov-b", "orr"];

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var route in Routes.All)
        {
            foreach (var roles in RoleSets())
            {
                foreach (var org in Organizations)
                {
                    data.Add(route, string.Join('+', roles), org);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Matrix_covers_every_route_the_app_maps_with_the_operation_it_declares()
    {
        var mapped = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .Select(e => (Route: $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0]} {e.RoutePattern.RawText?.TrimEnd('/')}",
                Operation: e.Metadata.GetMetadata<OperationMetadata>()?.Operation))
            .Where(r => !r.Route.Contains("/health", StringComparison.Ordinal) && !r.Route.Contains("/openapi", StringComparison.Ordinal))
            // The console's pages ask the same policies and handlers; tests/RecordsVault.ConsoleTests covers them.
            .Where(r => !r.Route.Contains(" console", StringComparison.Ordinal))
            .OrderBy(r => r.Route, StringComparer.Ordinal).ToList();

        var expected = Routes.All.Select(r => (Route: Routes.Normalized(r), Operation: (Operation?)Routes.OperationOf[r]))
            .OrderBy(r => r.Route, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, mapped);
        Assert.Equal(Enum.GetValues<Operation>().Order(), Routes.OperationOf.Values.Order());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Route_answers_each_caller_as_the_permission_table_says(string route, string roles, string org)
    {
        var expected = ExpectedAnswer(route, roles.Split('+'), org);
        using var request = await Routes.RequestAsync(route, fixture);

        var response = await fixture.Client(roles.Split('+'), org).SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var ok = expected switch
        {
            Answer.Allowed => status is >= 200 and < 300,
            Answer.AllowedOrConflict => status is (>= 200 and < 300) or 409,
            Answer.Forbidden => status == 403,
            _ => status == 404,
        };
        Assert.True(ok, $"{route} as {roles}@{org}: expected {expected}, got {status} {body}");
        if (status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("/cases/{0}")]
    [InlineData("/cases/{0}/records")]
    [InlineData("/records/{1}")]
    [InlineData("/records/{1}/content")]
    public async Task Another_organizations_id_answers_exactly_like_a_missing_id(string template)
    {
        var client = fixture.Client("Vault.Caseworker", "prov-b");

        var foreign = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, fixture.CaseId, fixture.RecordId));
        var missing = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "nope", "nope"));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(await WithoutTraceIdAsync(missing), await WithoutTraceIdAsync(foreign));
    }

    [Fact]
    public async Task Case_list_shows_a_provider_only_its_own_cases()
    {
        var page = await fixture.Client("Vault.Caseworker", "prov-b").GetFromJsonAsync<System.Text.Json.JsonElement>("/cases?pageSize=200");
        var orgs = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("organizationId").GetString()).Distinct();
        Assert.DoesNotContain("prov-a", orgs);

        var orr = await fixture.Client("Vault.OrrOfficial", "orr").GetFromJsonAsync<System.Text.Json.JsonElement>("/cases?pageSize=200");
        // Newest first, and other tests of this class add cases: the fixture's may be further down, but prov-a's are there.
        Assert.Contains(orr.GetProperty("items").EnumerateArray(), c => c.GetProperty("organizationId").GetString() == "prov-a");
    }

    private enum Answer
    {
        Allowed,

        /// <summary>Allowed, and the fresh target's lifecycle decides: a 2xx, or 409.</summary>
        AllowedOrConflict,
        Forbidden,
        NotFound,
    }

    /// <summary>
    /// The contract's rules, applied to the table's rows: 403 when no role the caller holds could ever perform the
    /// operation (a grant of every organization counts only with org=orr); then a success when one single role
    /// reaches the target; else 403 if one role may at least see the target, and 404 if none may.
    /// </summary>
    private static Answer ExpectedAnswer(string route, string[] roles, string org)
    {
        var operation = Routes.OperationOf[route];
        var permission = PermissionTable.For(operation);
        var held = permission.Grants.Where(g => roles.Contains(g.Role)).ToList();
        if (!held.Any(g => g.Reach is Reach.OwnOrganization or Reach.Designee || org == "orr"))
        {
            return Answer.Forbidden;
        }

        var success = Routes.LifecycleDecides.Contains(route) ? Answer.AllowedOrConflict : Answer.Allowed;
        if (permission.Resource == ResourceKind.Organization || held.Any(g => Reaches(g, org)))
        {
            return success;
        }

        var visibility = permission.Resource switch
        {
            ResourceKind.Case => Operation.CaseRead,
            ResourceKind.Record => Operation.RecordRead,
            ResourceKind.Hold => Operation.HoldRead,
            ResourceKind.Disclosure => Operation.DisclosureRead,
            _ => Operation.ReleaseRead,
        };
        return PermissionTable.For(visibility).Grants.Any(g => roles.Contains(g.Role) && Reaches(g, org)) ? Answer.Forbidden : Answer.NotFound;
    }

    /// <summary>Every target of the matrix belongs to prov-a; the disclosure was requested by "tester" at ORR and names "tester" as designee.</summary>
    private static bool Reaches(Grant grant, string org) => grant.Reach switch
    {
        Reach.OwnOrganization => org == "prov-a",
        Reach.EveryOrganization or Reach.Requester => org == "orr",
        Reach.Designee => true,
        _ => false,
    };

    private static IEnumerable<string[]> RoleSets()
    {
        var all = Roles.All;
        for (var mask = 1; mask < 1 << all.Count; mask++)
        {
            yield return all.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
        }
    }

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString();
    }
}
