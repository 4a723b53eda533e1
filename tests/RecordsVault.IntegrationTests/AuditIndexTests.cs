using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>
/// <c>GET /audit</c> pages by cursor over the events' index rows: following <c>next</c> visits every event the reader
/// may see once, newest first; and the migration that adds the index rows writes them for the events already there.
/// </summary>
public sealed class AuditIndexTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Following_next_visits_each_visible_event_once_newest_first(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var caseworkerA = factory.ClientFor("prov-a", "cw-a", "Vault.Caseworker");
        var caseworkerB = factory.ClientFor("prov-b", "cw-b", "Vault.Caseworker");
        var caseA = (await ApiCalls.CreateCaseAsync(caseworkerA)).Id();
        var caseB = (await ApiCalls.CreateCaseAsync(caseworkerB)).Id();
        for (var i = 0; i < 3; i++)
        {
            await caseworkerA.GetAsync(new Uri($"/cases/{caseA}", UriKind.Relative));
            await caseworkerB.GetAsync(new Uri($"/cases/{caseB}", UriKind.Relative));
        }

        var orr = factory.ClientFor("orr", "orr-auditor", "Vault.Auditor");
        var auditorA = factory.ClientFor("prov-a", "auditor-a", "Vault.Auditor");
        var everything = await WalkAsync(orr, "/audit?pageSize=200");
        var ofA = await WalkAsync(auditorA, "/audit?pageSize=2");
        var ofCaseA = await WalkAsync(orr, $"/audit?caseId={caseA}&pageSize=1");

        Assert.Equal(everything.OrderByDescending(s => s), everything);
        Assert.Equal(everything.Count, everything.Distinct().Count());
        Assert.Equal(ofA.OrderByDescending(s => s), ofA);
        Assert.Equal(ofA.Count, ofA.Distinct().Count());
        Assert.True(ofA.Count >= 4, $"prov-a's auditor should see its case's creation and reads, saw {ofA.Count}");
        Assert.True(ofA.Count < everything.Count, "prov-a's auditor must not see prov-b's events");
        Assert.Equal(4, ofCaseA.Count); // created, read three times
        Assert.Subset(everything.ToHashSet(), ofA.ToHashSet());
        Assert.Empty(await WalkAsync(auditorA, $"/audit?caseId={caseB}"));

        var problem = await ApiCalls.ExpectJsonAsync(await orr.GetAsync(new Uri("/audit?before=0", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("before", out _));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_migration_writes_index_rows_for_the_events_already_there(string provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vault:DataPath"] = TestEnvironment.NewDataPath(),
            ["Vault:Database:Provider"] = provider,
            ["Vault:Database:ConnectionString"] = provider == "Postgres" ? TestEnvironment.NewPostgresDatabase() : null,
            ["Vault:Blob:ConnectionString"] = TestEnvironment.AzuriteConnectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructure(configuration);
        await using var provided = services.BuildServiceProvider();
        await using var scope = provided.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("SealTitlesMarkDeletesForgetBirthDates");
        var now = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        foreach (var (sequence, cases, organizations) in new[] { (1L, "", ",prov-a,"), (2L, "c-1", ",prov-a,"), (3L, "c-1,c-2", ",orr,prov-a,prov-b,") })
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "AuditEvents" ("Sequence", "OccurredAt", "ActorSub", "ActorOrg", "ActorRoles", "Action", "Outcome", "CaseIds",
                    "Organizations", "RecordId", "TargetId", "ClientAddress", "RequestId", "PreviousHash", "Hash")
                VALUES ({0}, {1}, 'someone', 'prov-a', 'Vault.Caseworker', 'case.read', 'Succeeded', {2}, {3}, '', '', '', '', {4}, {4})
                """,
                sequence, now, cases, organizations, new string('0', 64));
        }

        await migrator.MigrateAsync();

        var caseRows = await db.AuditEventCases.OrderBy(l => l.Sequence).ThenBy(l => l.CaseId).Select(l => $"{l.Sequence}:{l.CaseId}").ToListAsync();
        var organizationRows = await db.AuditEventOrganizations.OrderBy(l => l.Sequence).ThenBy(l => l.Organization)
            .Select(l => $"{l.Sequence}:{l.Organization}").ToListAsync();
        Assert.Equal(["2:c-1", "3:c-1", "3:c-2"], caseRows);
        Assert.Equal(["1:prov-a", "2:prov-a", "3:orr", "3:prov-a", "3:prov-b"], organizationRows);
    }

    /// <summary>Every event's sequence from the first page and each page its <c>next</c> leads to.</summary>
    private static async Task<List<long>> WalkAsync(HttpClient client, string first)
    {
        var sequences = new List<long>();
        var url = first;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await ApiCalls.ExpectJsonAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.OK);
            sequences.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null)
            {
                return sequences;
            }

            url = $"{first}&before={page.GetProperty("next").GetInt64()}";
        }

        throw new InvalidOperationException("More than 1000 pages: next does not move.");
    }
}
