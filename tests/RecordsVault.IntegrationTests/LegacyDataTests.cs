using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>A vault upgraded from the version that stored titles in clear loses nothing, and keeps no plaintext title.</summary>
public sealed class LegacyDataTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Titles_stored_in_clear_are_sealed_at_start_and_read_back_unchanged(string provider)
    {
        var marker = "LEGACY-TITLE-" + Guid.NewGuid().ToString("N");
        var settings = provider == "Postgres" ? new Dictionary<string, string> { ["Vault:Database:ConnectionString"] = TestEnvironment.NewPostgresDatabase() } : null;
        string dataPath;
        await using (var factory = new VaultFactory(provider, settings))
        {
            dataPath = factory.DataPath;
            await SeedOlderVaultAsync(factory.DataPath, provider, settings, marker);
            var client = factory.ClientFor("prov-a", "cw", "Vault.Caseworker"); // starts the vault: migrations, then the scrub

            var open = await ApiCalls.ExpectJsonAsync(await client.GetAsync("/records/r-open"), HttpStatusCode.OK);
            Assert.Equal(marker + " open", open.GetProperty("title").GetString());
            var listed = await ApiCalls.ExpectJsonAsync(await client.GetAsync("/cases/c-open/records"), HttpStatusCode.OK);
            Assert.Equal(marker + " open", listed[0].GetProperty("title").GetString());
            var disposedRecord = await ApiCalls.ExpectJsonAsync(await client.GetAsync("/records/r-disposed"), HttpStatusCode.OK);
            Assert.Equal(JsonValueKind.Null, disposedRecord.GetProperty("title").ValueKind);
            var disposedCase = await ApiCalls.ExpectJsonAsync(await client.GetAsync("/cases/c-disposed"), HttpStatusCode.OK);
            Assert.Equal(JsonValueKind.Null, disposedCase.GetProperty("childDateOfBirth").ValueKind);

            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            Assert.False(await db.Records.AnyAsync(r => EF.Property<string?>(r, VaultDbContext.PlaintextTitle) != null));
            Assert.NotNull((await db.Records.SingleAsync(r => r.Id == "r-open")).SealedTitle);
        }

        if (provider == "Sqlite")
        {
            // The scrub compacts the file: the old values are not left in its free pages either.
            var needle = Encoding.UTF8.GetBytes(marker);
            Assert.DoesNotContain(Directory.EnumerateFiles(dataPath, "vault.db*"), file => FileScan.Contains(file, needle));
        }
    }

    /// <summary>
    /// The database as the previous version left it: schema up to the SweepIndex migration, an open case with a
    /// record titled in clear, and a disposed case (key destroyed) that still has its date of birth and title.
    /// </summary>
    private static async Task SeedOlderVaultAsync(string dataPath, string provider, Dictionary<string, string>? settings, string marker)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vault:DataPath"] = dataPath,
            ["Vault:Database:Provider"] = provider,
            ["Vault:Database:ConnectionString"] = settings?["Vault:Database:ConnectionString"],
            ["Vault:Blob:ConnectionString"] = TestEnvironment.AzuriteConnectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructure(configuration);
        await using var provided = services.BuildServiceProvider();
        await using var scope = provided.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        await db.GetService<IMigrator>().MigrateAsync("SweepIndex");

        var key = await scope.ServiceProvider.GetRequiredService<CaseKeys>().CreateAsync("c-open", CancellationToken.None);
        var now = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        foreach (var (caseId, lifecycle) in new[] { ("c-open", "Open"), ("c-disposed", "Disposed") })
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Cases" ("Id", "OrganizationId", "CaseNumber", "State", "ReleaseDate", "ChildDateOfBirth", "PrsType", "PrsLevel",
                    "Lifecycle", "CreatedAt", "CreatedBy", "Version")
                VALUES ({0}, 'prov-a', {1}, 'TX', {2}, {3}, 'Tvpra', 2, {4}, {5}, 'cw', 0)
                """,
                caseId, "N-" + caseId, new DateOnly(2025, 1, 15), new DateOnly(2010, 6, 1), lifecycle, now);
            // A disposed case's key row keeps no wrapped key, only when it was destroyed.
            await db.Database.ExecuteSqlRawAsync(
                lifecycle == "Open"
                    ? """INSERT INTO "CaseKeys" ("CaseId", "KekId", "WrappedKey", "CreatedAt") VALUES ({0}, {1}, {2}, {3})"""
                    : """INSERT INTO "CaseKeys" ("CaseId", "KekId", "CreatedAt", "DestroyedAt") VALUES ({0}, {1}, {3}, {3})""",
                caseId, key.KekId, key.WrappedKey!, now);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Records" ("Id", "CaseId", "BlobName", "Title", "Kind", "ContentType", "Size", "Sha256", "DevelopedAt",
                    "Ownership", "UploadedAt", "UploadedBy")
                VALUES ({0}, {1}, {2}, {3}, 'home-visit-note', 'text/plain', 5, {4}, {5}, 'Grantee', {6}, 'cw')
                """,
                "r-" + caseId[2..], caseId, Guid.NewGuid().ToString("N"), $"{marker} {caseId[2..]}", new string('0', 64), new DateOnly(2025, 2, 1), now);
        }
    }
}
