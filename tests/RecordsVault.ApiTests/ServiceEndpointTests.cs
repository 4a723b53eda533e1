using System.Net;

namespace RecordsVault.ApiTests;

/// <summary>Health and the OpenAPI document need no token.</summary>
public sealed class ServiceEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_answers_200_without_a_token(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await fixture.Factory.CreateClient().GetAsync(path)).StatusCode);

    [Fact]
    public async Task OpenApi_document_lists_every_route()
    {
        var document = await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "\"/cases\"", "\"/cases/{id}\"", "\"/cases/{id}/records\"", "\"/records/{id}\"", "\"/records/{id}/content\"" })
        {
            Assert.Contains(path, document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_route_falls_to_the_deny_all_policy()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Client("Vault.OrrOfficial", "orr").GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Factory.CreateClient().GetAsync("/admin")).StatusCode);
    }
}
