using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>
/// A read answers only once its audit event is durable. When the event cannot be written (here a trigger refuses
/// every new event, as a full disk or a failing database would), the client gets a 503 problem and none of the data,
/// never the data with a broken connection after it, and the same read succeeds once events can be written again.
/// </summary>
public sealed class UnauditedReadTests
{
    private const string Refusal = "audit trail unavailable (test)";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_read_whose_event_cannot_be_written_answers_503_without_the_data(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var caseworker = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseNumber = "A-" + Guid.NewGuid().ToString("N")[..10];
        var caseId = (await ApiCalls.CreateCaseAsync(caseworker, caseNumber)).Id();
        var recordId = (await ApiCalls.UploadAsync(caseworker, caseId, "Nota de visita"u8.ToArray())).Id();

        await RefuseNewEventsAsync(factory, provider, refuse: true);
        foreach (var url in new[] { $"/cases/{caseId}", "/cases", $"/records/{recordId}", $"/records/{recordId}/content" })
        {
            using var response = await caseworker.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{url} answered {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(caseNumber, body, StringComparison.Ordinal);
            Assert.DoesNotContain(recordId, body, StringComparison.Ordinal);
        }

        await RefuseNewEventsAsync(factory, provider, refuse: false);
        var read = await ApiCalls.ExpectJsonAsync(await caseworker.GetAsync($"/cases/{caseId}"), HttpStatusCode.OK);
        Assert.Equal(caseNumber, read.GetProperty("caseNumber").GetString());
        var verified = await ApiCalls.ExpectJsonAsync(await factory.ClientFor("orr", "aud", "Vault.Auditor").GetAsync("/audit/verify"), HttpStatusCode.OK);
        Assert.True(verified.GetProperty("valid").GetBoolean(), verified.ToString());
    }

    private static async Task RefuseNewEventsAsync(VaultFactory factory, string provider, bool refuse)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>().Database;
        string[] statements = (provider, refuse) switch
        {
            ("Sqlite", true) => [$"CREATE TRIGGER refuse_events BEFORE INSERT ON \"AuditEvents\" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END"],
            ("Sqlite", false) => ["DROP TRIGGER refuse_events"],
            (_, true) =>
            [
                $"CREATE FUNCTION refuse_events() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '{Refusal}'; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER refuse_events BEFORE INSERT ON \"AuditEvents\" FOR EACH ROW EXECUTE FUNCTION refuse_events()",
            ],
            (_, false) => ["DROP TRIGGER refuse_events ON \"AuditEvents\"", "DROP FUNCTION refuse_events()"],
        };
        foreach (var sql in statements)
        {
            await db.ExecuteSqlRawAsync(sql);
        }
    }
}
