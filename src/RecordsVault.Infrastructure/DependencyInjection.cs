using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure.Disclosures;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Health;
using RecordsVault.Infrastructure.Packets;
using RecordsVault.Infrastructure.Holds;
using RecordsVault.Infrastructure.Retention;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Keys.Rotation;
using RecordsVault.Infrastructure.Keys.KeyVault;
using RecordsVault.Infrastructure.Credentials;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Reconciliation;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Records;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Persistence, keys, blob storage and the services that combine them; every option is validated at start.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var paths = VaultPaths.From(configuration);
        services.AddSingleton(paths);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BlobStorageOptions>().BindConfiguration(BlobStorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAzureCredential(configuration);

        AddDatabase(services, configuration, paths);
        AddKeys(services, paths);

        services.AddSingleton(sp => CreateBlobServiceClient(sp.GetRequiredService<IOptions<BlobStorageOptions>>().Value, sp));
        services.AddSingleton(sp => sp.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(sp.GetRequiredService<IOptions<BlobStorageOptions>>().Value.Container));
        services.AddSingleton<IRecordContentStore, AzureBlobRecordContentStore>();

        services.AddScoped<CaseService>();
        services.AddScoped<RecordTitles>();
        services.AddScoped<RecordService>();
        services.AddScoped<Archive.ArchiveImporter>();
        services.AddScoped<Handover.HandoverTransfer>();
        services.AddScoped<Handover.HandoverExport>();
        services.AddSingleton<VaultSigner>();
        services.AddScoped<LegacyPlaintextScrubber>();
        services.AddOptions<ReconcilerOptions>().BindConfiguration(ReconcilerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<OrphanReconciler>();
        services.AddHostedService<OrphanReconcilerService>();

        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(_ => PolicyLoader.Load(PoliciesPath(configuration)));
        services.AddScoped<LifecycleService>();
        services.AddScoped<HoldService>();
        services.AddScoped<DispositionService>();
        services.AddSingleton<SweepGate>();
        services.AddScoped<RetentionSweeper>();
        services.AddHostedService<RetentionSweepService>();

        services.AddOptions<DisclosureOptions>().BindConfiguration(DisclosureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddPacketRenderer();
        services.AddScoped<PacketStore>();
        services.AddScoped<DisclosureService>();
        services.AddScoped<ReleaseService>();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new AuditCheckpointStore(sp.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(sp.GetRequiredService<IOptions<AuditOptions>>().Value.CheckpointContainer)));
        services.AddSingleton<AuditCheckpointer>();
        services.AddScoped<AuditChainKeys>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditVerifier>();
        services.AddHostedService<AuditCheckpointService>();

        services.AddHostedService<VaultInitializer>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<BlobStorageHealthCheck>("blob-storage", tags: ["ready"])
            .AddCheck<KeyProviderHealthCheck>("key-provider", tags: ["ready"]);
        return services;
    }

    /// <summary><c>VAULT_POLICIES</c>, or <c>Vault:PoliciesPath</c>, or the policies shipped beside the binaries.</summary>
    public static string PoliciesPath(IConfiguration configuration) =>
        configuration["VAULT_POLICIES"] is { Length: > 0 } fromEnvironment ? fromEnvironment
        : configuration["Vault:PoliciesPath"] is { Length: > 0 } configured ? configured
        : Path.Combine(AppContext.BaseDirectory, "policies", "retention");

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration, VaultPaths paths)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == "Postgres")
        {
            services.AddSingleton(sp => PostgresDataSource.Create(options, sp.GetRequiredService<TokenCredential>));
            services.AddDbContext<VaultDbContext, PostgresVaultDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<Npgsql.NpgsqlDataSource>()));
            return;
        }

        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(paths.DataPath);
            connectionString = $"Data Source={paths.SqlitePath};Foreign Keys=True";
        }

        services.AddDbContext<VaultDbContext, SqliteVaultDbContext>(o => o.UseSqlite(connectionString));
    }

    /// <summary>The KEK and signing key (local files or Key Vault) and the case-key cache in front of them.</summary>
    private static void AddKeys(IServiceCollection services, VaultPaths paths)
    {
        services.AddOptions<KeyOptions>().BindConfiguration(KeyOptions.Section).ValidateDataAnnotations()
            .Validate<IOptions<BlobStorageOptions>>(
                (keys, blob) => keys.Provider != KeyOptions.Local || blob.Value.ServiceUri is null,
                "Vault:Keys:Provider is 'Local' while the content goes to Azure blob storage (Vault:Blob:ServiceUri): the KEK would "
                + "live on this host's disk and every record would be lost with it. Set Vault:Keys:Provider=KeyVault.")
            .ValidateOnStart();
        services.AddOptions<KeyVaultClientOptions>().Configure<IOptions<KeyOptions>>((client, keys) =>
        {
            client.OperationTimeout = keys.Value.Timeout;
            client.DisableChallengeResourceVerification = keys.Value.DisableChallengeResourceVerification;
            client.Retry.MaxRetries = keys.Value.MaxRetries;
            client.Retry.Mode = RetryMode.Exponential;
            // Half the budget per try: one stalled connection is dropped and tried again within it.
            client.Retry.NetworkTimeout = keys.Value.Timeout / 2;
            client.Diagnostics.IsLoggingContentEnabled = false; // bodies carry keys to wrap and unwrapped keys
        });
        services.AddSingleton(sp => new KeyVaultKeyClient(
            sp.GetRequiredService<IOptions<KeyOptions>>().Value.KeyVaultUri!,
            sp.GetRequiredService<TokenCredential>(),
            sp.GetRequiredService<IOptions<KeyVaultClientOptions>>().Value));
        services.AddSingleton<KeyVaultKeyProvider>();
        services.AddSingleton<IKeyProvider>(sp => sp.GetRequiredService<IOptions<KeyOptions>>().Value is { Provider: KeyOptions.KeyVault }
            ? sp.GetRequiredService<KeyVaultKeyProvider>()
            : new LocalKeyProvider(sp.GetRequiredService<IOptions<KeyOptions>>().Value.Path ?? paths.KeysPath));
        services.AddSingleton(sp => (IKeyVersions)sp.GetRequiredService<IKeyProvider>());
        services.AddSingleton<KekRotation>();
        services.AddSingleton<CaseKeyCache>();
        services.AddSingleton<CaseKeys>();
    }

    private static BlobServiceClient CreateBlobServiceClient(BlobStorageOptions options, IServiceProvider services)
    {
        var clientOptions = new BlobClientOptions();
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ServiceUri, services.GetRequiredService<TokenCredential>(), clientOptions)
            : new BlobServiceClient(options.ConnectionString, clientOptions);
    }
}
