using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Api.Audit;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>What the audit trail shows about requests made over HTTP with real tokens.</summary>
public sealed class AuditApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Cross_organization_read_attempt_appears_as_Denied_with_the_actor()
    {
        var response = await fixture.Client("Vault.Caseworker", "prov-b", "mallory").GetAsync($"/cases/{fixture.CaseId}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var events = await EventsAsync(fixture.Client("Vault.OrrOfficial", "orr"), $"caseId={fixture.CaseId}&actor=mallory");

        var denied = Assert.Single(events);
        Assert.Equal(("case.read", "Denied"), (denied.GetProperty("action").GetString(), denied.GetProperty("outcome").GetString()));
        var actor = denied.GetProperty("actor");
        Assert.Equal(("mallory", "prov-b"), (actor.GetProperty("sub").GetString(), actor.GetProperty("org").GetString()));
        Assert.Equal(["Vault.Caseworker"], actor.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(response.Headers.GetValues(AuditMiddleware.RequestIdHeader).Single(), denied.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Content_download_appears_with_the_actor_and_the_request_id()
    {
        var response = await fixture.Client("Vault.Caseworker", "prov-a", "dana").GetAsync($"/records/{fixture.RecordId}/content");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues(AuditMiddleware.RequestIdHeader).Single();

        var events = await EventsAsync(fixture.Client("Vault.Auditor", "orr"), "actor=dana&action=record.content");

        var download = Assert.Single(events);
        Assert.Equal(requestId, download.GetProperty("requestId").GetString());
        Assert.Equal("Succeeded", download.GetProperty("outcome").GetString());
        Assert.Equal(fixture.RecordId, download.GetProperty("recordId").GetString());
        Assert.Equal([fixture.CaseId], download.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("dana", "prov-a"), (download.GetProperty("actor").GetProperty("sub").GetString(), download.GetProperty("actor").GetProperty("org").GetString()));
    }

    [Fact]
    public async Task No_audit_event_contains_the_uploaded_files_plaintext_marker()
    {
        var marker = "AUDIT-MARKER-" + Guid.NewGuid().ToString("N");
        var client = fixture.Client("Vault.Caseworker", "prov-a", "erin");
        var caseId = (await ApiCalls.CreateCaseAsync(client)).Id();
        using var form = ApiCalls.RecordForm(Encoding.UTF8.GetBytes($"Home visit. {marker}."), fileName: $"{marker}.txt", title: $"Visit {marker}", kind: marker[..40]);
        var record = await ApiCalls.ExpectJsonAsync(await client.PostAsync($"/cases/{caseId}/records", form), HttpStatusCode.Created);
        Assert.Contains(marker, await client.GetStringAsync($"/records/{record.Id()}/content"), StringComparison.Ordinal);
        await client.GetStringAsync($"/records/{record.Id()}");

        var listed = await fixture.Client("Vault.OrrOfficial", "orr").GetStringAsync($"/audit?caseId={caseId}&pageSize=200");
        Assert.Contains(record.Id(), listed, StringComparison.Ordinal); // the events are there, and name the record
        Assert.DoesNotContain(marker[..20], listed, StringComparison.Ordinal);

        using var scope = fixture.Factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditEvents.AsNoTracking().ToListAsync();
        Assert.Contains(stored, e => e.RecordId == record.Id() && e.Action == "record.content");
        Assert.DoesNotContain(stored, e => JsonSerializer.Serialize(e).Contains(marker[..20], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_providers_auditor_sees_its_own_organizations_events_and_no_one_elses()
    {
        await fixture.Client("Vault.Caseworker", "prov-a", "frank").GetAsync($"/cases/{fixture.CaseId}");

        var own = await EventsAsync(fixture.Client("Vault.Auditor", "prov-a"), "actor=frank");
        var other = await EventsAsync(fixture.Client("Vault.Auditor", "prov-c"), $"caseId={fixture.CaseId}");

        Assert.Contains(own, e => e.GetProperty("action").GetString() == "case.read");
        Assert.Empty(other);
    }

    [Fact]
    public async Task Each_request_writes_exactly_one_event_and_changes_carry_their_new_ids()
    {
        var response = await fixture.Client("Vault.Caseworker", "prov-a", "gina").PostAsJsonAsync("/cases", new
        {
            caseNumber = "G-" + Guid.NewGuid().ToString("N")[..10], state = "TX", releaseDate = "2025-01-15", childDateOfBirth = "2010-06-01", prsType = "Tvpra", prsLevel = 1,
        });
        var created = await ApiCalls.ExpectJsonAsync(response, HttpStatusCode.Created);
        var requestId = response.Headers.GetValues(AuditMiddleware.RequestIdHeader).Single();

        var events = await EventsAsync(fixture.Client("Vault.OrrOfficial", "orr"), "actor=gina");

        var create = Assert.Single(events);
        Assert.Equal("case.create", create.GetProperty("action").GetString());
        Assert.Equal("Succeeded", create.GetProperty("outcome").GetString());
        Assert.Equal(requestId, create.GetProperty("requestId").GetString());
        Assert.Equal([created.Id()], create.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void Every_route_except_health_and_OpenAPI_names_its_audit_action()
    {
        var routes = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } path && !path.StartsWith("/health", StringComparison.Ordinal) && !path.StartsWith("/openapi", StringComparison.Ordinal))
            .Where(e => !e.RoutePattern.RawText!.StartsWith("console", StringComparison.Ordinal)) // pages name theirs per method: ConsoleTests
            .ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, e => Assert.True(e.Metadata.GetMetadata<AuditMetadata>() is not null, $"{e.DisplayName} has no audit action"));
    }

    [Fact]
    public async Task Audit_search_rejects_a_period_that_ends_before_it_starts()
    {
        var response = await fixture.Client("Vault.OrrOfficial", "orr").GetAsync("/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");

        var problem = await ApiCalls.ExpectJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task A_providers_auditor_sees_only_its_own_case_ids_inside_events()
    {
        var providerB = fixture.Client("Vault.Caseworker", "prov-b", "bob");
        var otherCase = (await ApiCalls.CreateCaseAsync(providerB)).Id();
        await ApiCalls.PostJsonAsync(fixture.Client("Vault.OrrOfficial", "orr", "olivia"), "/disclosures",
            new { caseIds = new[] { fixture.CaseId, otherCase }, purpose = "Two providers" }, HttpStatusCode.Created);
        // A prov-a user probing prov-b's case: the event names it, for prov-b's auditors.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client("Vault.Caseworker", "prov-a", "prober").GetAsync($"/cases/{otherCase}")).StatusCode);

        var disclosure = Assert.Single(await EventsAsync(fixture.Client("Vault.Auditor", "prov-a"), "actor=olivia&action=disclosure.create"));
        var probe = Assert.Single(await EventsAsync(fixture.Client("Vault.Auditor", "prov-a"), "actor=prober"));
        var seenByB = Assert.Single(await EventsAsync(fixture.Client("Vault.Auditor", "prov-b"), "actor=prober"));
        var seenByOrr = Assert.Single(await EventsAsync(fixture.Client("Vault.Auditor", "orr"), "actor=olivia&action=disclosure.create"));

        Assert.Equal([fixture.CaseId], CaseIds(disclosure));
        Assert.Empty(CaseIds(probe));
        Assert.Equal([otherCase], CaseIds(seenByB));
        Assert.Equal(new[] { fixture.CaseId, otherCase }.Order(StringComparer.Ordinal), CaseIds(seenByOrr).Order(StringComparer.Ordinal));
    }

    private static List<string?> CaseIds(JsonElement e) => [.. e.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString())];

    private static async Task<List<JsonElement>> EventsAsync(HttpClient client, string query)
    {
        var page = await ApiCalls.ExpectJsonAsync(await client.GetAsync($"/audit?{query}&pageSize=200"), HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
