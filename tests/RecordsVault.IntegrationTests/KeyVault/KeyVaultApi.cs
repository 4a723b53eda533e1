using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Keys.KeyVault;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyVault;

/// <summary>
/// The API in this process with <c>Vault:Keys:Provider=KeyVault</c>, on real Azurite and a real database, talking to a
/// <see cref="KeyVaultTestServer"/> known as <c>https://rv-test.vault.azure.net/</c>. Only the transport (which connects
/// to the test server and trusts its CA) and the credential (tokens from the test server) are replaced.
/// </summary>
public sealed class KeyVaultApi : IAsyncDisposable
{
    public const string VaultHost = "rv-test.vault.azure.net";

    private KeyVaultApi(KeyVaultTestServer server, VaultFactory factory)
    {
        Server = server;
        Factory = factory;
    }

    public KeyVaultTestServer Server { get; }

    public VaultFactory Factory { get; }

    public HttpClient Cw => Factory.ClientFor("prov-a", "cw", "Vault.Caseworker");

    public HttpClient Rm1 => Factory.ClientFor("prov-a", "rm1", "Vault.RecordsManager");

    public HttpClient Rm2 => Factory.ClientFor("prov-a", "rm2", "Vault.RecordsManager");

    public HttpClient Orr => Factory.ClientFor("orr", "orr-official", "Vault.OrrOfficial");

    public HttpClient Anonymous => Factory.CreateClient();

    public CaseKeyCache CaseKeyCache => Factory.Services.GetRequiredService<CaseKeyCache>();

    public static async Task<KeyVaultApi> StartAsync(IDictionary<string, string>? settings = null, string database = "Sqlite")
    {
        var server = await KeyVaultTestServer.StartAsync(VaultHost);
        var all = new Dictionary<string, string>
        {
            ["Vault:Keys:Provider"] = "KeyVault",
            ["Vault:Keys:KeyVaultUri"] = server.VaultUri.ToString(),
            ["Vault:Keys:Timeout"] = "00:00:08",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var factory = new VaultFactory(database, all, services =>
        {
            services.PostConfigure<KeyVaultClientOptions>(o => o.Transport = server.CreateTransport());
            services.AddSingleton(server.CreateCredential());
        });
        return new KeyVaultApi(server, factory);
    }

    /// <summary>The case's key as stored: wrapped by the KEK.</summary>
    public async Task<byte[]> WrappedKeyAsync(string caseId)
    {
        using var scope = Factory.Services.CreateScope();
        var key = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().CaseKeys.AsNoTracking().SingleAsync(k => k.CaseId == caseId);
        return key.WrappedKey!;
    }

    /// <summary>Creates a case and uploads <paramref name="count"/> small text records to it.</summary>
    public async Task<(string CaseId, List<(string Id, byte[] Content)> Records)> CaseWithRecordsAsync(
        int count, string releaseDate = "2025-01-15", string developedAt = "2025-02-01")
    {
        var caseId = (await ApiCalls.CreateCaseAsync(Cw, releaseDate: releaseDate)).Id();
        var records = new List<(string, byte[])>();
        for (var i = 0; i < count; i++)
        {
            var content = System.Text.Encoding.UTF8.GetBytes($"Home visit {i}: the child is safe and attends school. {Guid.NewGuid()}\n");
            records.Add(((await ApiCalls.UploadAsync(Cw, caseId, content, developedAt: developedAt)).Id(), content));
        }

        return (caseId, records);
    }

    /// <summary>The status of <c>/health/ready</c>.</summary>
    public async Task<HttpStatusCode> ReadinessAsync() => (await Anonymous.GetAsync("/health/ready")).StatusCode;

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }
}
