using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RecordsVault.ApiTests;

/// <summary>Every route with every role, in the case's organization and outside it.</summary>
public sealed class RoleMatrixTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    // Callers: role@org. prov-a owns the fixture's case; prov-b does not; ORR staff carry org=orr.
    private static readonly string[] Callers =
    [
        "Vault.Caseworker@prov-a", "Vault.RecordsManager@prov-a", "Vault.OrrOfficial@orr", "Vault.OrrDesignee@orr",
        "Vault.Auditor@prov-a", "Vault.Caseworker@prov-b", "Vault.RecordsManager@prov-b", "Vault.OrrOfficial@prov-b",
    ];

    // "Allowed, and the lifecycle decides": a 2xx, or 409 when the fresh target's state forbids the action.
    private const int A = 0;

    // Expected status per route, in the order of Callers.
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["POST /cases"] = [201, 201, 403, 403, 403, 201, 201, 403],
        ["GET /cases/{case}"] = [200, 200, 200, 403, 403, 404, 404, 404],
        ["GET /cases"] = [200, 200, 200, 403, 403, 200, 200, 200],
        ["POST /cases/{case}/records"] = [201, 201, 403, 403, 403, 404, 404, 403],
        ["GET /cases/{case}/records"] = [200, 200, 200, 403, 403, 404, 404, 404],
        ["GET /records/{record}"] = [200, 200, 200, 403, 403, 404, 404, 404],
        ["GET /records/{record}/content"] = [200, 200, 200, 403, 403, 404, 404, 404],
        ["DELETE /records/{fresh-record}"] = [403, 204, 403, 403, 403, 403, 404, 403],
        ["POST /cases/{fresh-case}/close"] = [200, 200, 403, 403, 403, 404, 404, 403],
        ["POST /cases/{fresh-case}/reopen"] = [403, A, 403, 403, 403, 403, 404, 403],
        ["GET /cases/{case}/retention"] = [200, 200, 200, 403, 200, 404, 404, 404],
        ["POST /cases/{fresh-case}/disposition"] = [403, A, 403, 403, 403, 403, 404, 403],
        ["POST /cases/{fresh-case}/disposition/approve"] = [403, A, A, 403, 403, 403, 404, 404],
        ["POST /cases/{fresh-case}/disposition/reject"] = [403, A, A, 403, 403, 403, 404, 404],
        ["POST /holds"] = [403, 201, 201, 403, 403, 403, 404, 404],
        ["GET /holds"] = [403, 200, 200, 403, 200, 403, 200, 200],
        ["GET /holds/{hold}"] = [403, 200, 200, 403, 200, 403, 404, 404],
        ["POST /holds/{hold}/release"] = [403, 200, 200, 403, 403, 403, 404, 404],
        ["POST /retention/sweep"] = [403, 200, 200, 403, 403, 403, 200, 200],
        ["POST /disclosures"] = [403, 403, 201, 403, 403, 403, 403, 404],
        ["GET /disclosures/{disclosure}"] = [404, 404, 200, 200, 404, 404, 404, 404],
        ["GET /disclosures/{disclosure}/packet"] = [404, 404, 200, 200, 404, 404, 404, 404],
        ["GET /disclosures/{disclosure}/bundle"] = [404, 404, 200, 200, 404, 404, 404, 404],
        ["POST /releases"] = [403, 201, 403, 403, 403, 403, 404, 403],
        ["POST /releases/{release}/approve"] = [403, 403, A, 403, 403, 403, 403, 404],
        ["GET /releases/{release}"] = [403, 200, 200, 403, 403, 403, 404, 404],
        ["GET /releases/{release}/packet"] = [403, 200, 200, 403, 403, 403, 404, 404],
        ["GET /audit"] = [403, 403, 200, 403, 200, 403, 403, 200],
        ["GET /audit/verify"] = [403, 403, 200, 403, 200, 403, 403, 200],
    };

    public static TheoryData<string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (route, statuses) in Expected)
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                data.Add(route, Callers[i], statuses[i]);
            }
        }

        return data;
    }

    [Fact]
    public void Matrix_covers_every_route_the_app_maps()
    {
        var mapped = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText?.TrimEnd('/')}"))
            .Where(r => !r.Contains("/health", StringComparison.Ordinal) && !r.Contains("/openapi", StringComparison.Ordinal))
            .Order().ToList();

        Assert.Equal(Routes.All.Order(), Expected.Keys.Order());
        Assert.Equal(mapped, Routes.All.Select(Routes.Normalized).Order());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Route_answers_each_role_as_the_contract_says(string route, string caller, int expected)
    {
        var (role, org) = (caller.Split('@')[0], caller.Split('@')[1]);
        using var request = await Routes.RequestAsync(route, fixture);

        var response = await fixture.Client(role, org).SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var ok = expected == A ? status is (>= 200 and < 300) or 409 : status == expected;
        Assert.True(ok, $"{route} as {caller}: expected {(expected == A ? "2xx or 409" : expected)}, got {status} {body}");
        if (expected >= 400)
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

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    [Fact]
    public async Task Case_list_shows_a_provider_only_its_own_cases()
    {
        var page = await fixture.Client("Vault.Caseworker", "prov-b").GetFromJsonAsync<System.Text.Json.JsonElement>("/cases?pageSize=200");
        var orgs = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("organizationId").GetString()).Distinct();
        Assert.DoesNotContain("prov-a", orgs);

        var orr = await fixture.Client("Vault.OrrOfficial", "orr").GetFromJsonAsync<System.Text.Json.JsonElement>("/cases?pageSize=200");
        Assert.Contains(orr.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetString() == fixture.CaseId);
    }
}
