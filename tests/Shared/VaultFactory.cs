using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;

namespace RecordsVault.Tests;

/// <summary>
/// The real API in-process, on real Azurite and a real database (a SQLite file, or a fresh PostgreSQL
/// database), with the real JwtBearer pipeline. Logs go to <c>$VAULT_DATA/logs/test.log</c>.
/// <paramref name="services"/> may replace registrations, e.g. the Key Vault client's transport to a test server.
/// </summary>
public sealed class VaultFactory(
    string databaseProvider = "Sqlite", IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string DataPath { get; } = TestEnvironment.NewDataPath();

    public string Container { get; } = TestEnvironment.NewContainerName();

    /// <summary>The audit checkpoints' container, as separate per test as the records'.</summary>
    public string CheckpointContainer { get; } = TestEnvironment.NewContainerName();

    public string LogPath => Path.Combine(DataPath, "logs", "test.log");

    /// <summary>A token the API accepts, signed by the same local key that ./run.sh token uses.</summary>
    public string Token(string org, string sub, params string[] roles)
    {
        var key = Services.GetRequiredService<LocalSigningKey>();
        var options = Services.GetRequiredService<IOptions<VaultIdentityOptions>>().Value;
        return LocalTokens.Mint(key, options, sub, org, roles, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
    }

    public HttpClient ClientFor(string org, string sub, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(org, sub, roles));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Local"); // as ./run.sh runs it: Production refuses local keys, local tokens and Azurite
        builder.UseSetting("Vault:DataPath", DataPath);
        builder.UseSetting("Vault:Blob:ConnectionString", TestEnvironment.AzuriteConnectionString);
        builder.UseSetting("Vault:Blob:Container", Container);
        builder.UseSetting("Vault:Audit:CheckpointContainer", CheckpointContainer);
        builder.UseSetting("Vault:Database:Provider", databaseProvider);
        if (databaseProvider == "Postgres")
        {
            builder.UseSetting("Vault:Database:ConnectionString", TestEnvironment.NewPostgresDatabase());
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new FileLoggerProvider(LogPath));
        });
    }
}
