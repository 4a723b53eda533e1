using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>The whole path, through HTTP, on Azurite and on each database provider.</summary>
public sealed class VaultRoundTripTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Uploaded_file_downloads_byte_identical(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var client = factory.ClientFor("prov-a", "alice", "Vault.Caseworker");
        var content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        content[0] = (byte)'%'; // make it a PDF as far as the first bytes go
        "PDF-1.7\n"u8.CopyTo(content.AsSpan(1));

        var created = await ApiCalls.CreateCaseAsync(client);
        var record = await ApiCalls.UploadAsync(client, created.Id(), content, "application/pdf", "scan.pdf");
        var downloaded = await client.GetByteArrayAsync($"/records/{record.Id()}/content");

        Assert.Equal(content, downloaded);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), record.GetProperty("sha256").GetString());
        Assert.Equal(content.Length, record.GetProperty("size").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_create_the_schema_and_case_keys_are_stored_only_wrapped(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var client = factory.ClientFor("prov-a", "alice", "Vault.RecordsManager");
        var created = await ApiCalls.CreateCaseAsync(client);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changed without a migration");
        var key = await db.CaseKeys.SingleAsync(k => k.CaseId == created.Id());
        Assert.Equal(384, key.WrappedKey!.Length); // RSA-3072 OAEP output, not a 32-byte raw key
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tampered_ciphertext_download_fails_with_a_problem_and_an_integrity_log(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var client = factory.ClientFor("prov-a", "alice", "Vault.Caseworker");
        var created = await ApiCalls.CreateCaseAsync(client);
        var record = await ApiCalls.UploadAsync(client, created.Id(), Encoding.UTF8.GetBytes(new string('x', 5000)));

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            var blobName = (await db.Records.SingleAsync(r => r.Id == record.Id())).BlobName;
            await BlobTampering.FlipByteAsync(factory.Container, blobName, 100);
        }

        var response = await client.GetAsync($"/records/{record.Id()}/content");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("xxxxx", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Integrity error", await File.ReadAllTextAsync(factory.LogPath), StringComparison.Ordinal);
    }
}
