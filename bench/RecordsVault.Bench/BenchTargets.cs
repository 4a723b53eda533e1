namespace RecordsVault.Bench;

/// <summary>
/// What rows 6 to 8 and 11 need beyond the main API; bench.sh sets them up, and a row whose part is missing says so.
/// Tokens and connection strings come from the environment, never from the command line.
/// </summary>
internal sealed class BenchTargets : IDisposable
{
    /// <summary>Row 6 on SQLite: the main API with a records manager's token, and its database file.</summary>
    public SweepTarget? Sqlite { get; init; }

    /// <summary>Row 6 on PostgreSQL: a second API on its own database.</summary>
    public SweepTarget? Postgres { get; init; }

    /// <summary>Row 5 on PostgreSQL: the second API with a caseworker's token.</summary>
    public ReadTarget? PostgresReader { get; init; }

    /// <summary>Row 7: an API of its own, so that its peak memory belongs to this row alone.</summary>
    public PacketTarget? Packet { get; init; }

    /// <summary>Row 8: the main API with an ORR auditor's token, and its database file.</summary>
    public AuditTarget? Audit { get; init; }

    /// <summary>Row 11: the main API's database file, with two auditors' tokens and a caseworker's.</summary>
    public ScaleTarget? Scale { get; init; }

    public static BenchTargets FromEnvironment(Arguments options)
    {
        var managerToken = Arguments.OptionalEnvironment("BENCH_MANAGER_TOKEN");
        var sqlitePath = Arguments.OptionalEnvironment("BENCH_SQLITE");
        var postgresToken = Arguments.OptionalEnvironment("BENCH_POSTGRES_MANAGER_TOKEN");
        var postgresConnection = Arguments.OptionalEnvironment("BENCH_POSTGRES");
        var postgresCaseworkerToken = Arguments.OptionalEnvironment("BENCH_POSTGRES_TOKEN");
        var packetToken = Arguments.OptionalEnvironment("BENCH_PACKET_TOKEN");
        var packetOrrToken = Arguments.OptionalEnvironment("BENCH_PACKET_ORR_TOKEN");
        var auditorToken = Arguments.OptionalEnvironment("BENCH_AUDITOR_TOKEN");
        var providerAuditorToken = Arguments.OptionalEnvironment("BENCH_PROVIDER_AUDITOR_TOKEN");
        var scaleCaseworkerToken = Arguments.OptionalEnvironment("BENCH_SCALE_CASEWORKER_TOKEN");
        return new BenchTargets
        {
            Sqlite = managerToken is not null && sqlitePath is not null
                ? new SweepTarget(VaultApi.Create(options.Api, managerToken), SweepDatabase.Sqlite, sqlitePath)
                : null,
            Postgres = options.PostgresApi is not null && postgresToken is not null && postgresConnection is not null
                ? new SweepTarget(VaultApi.Create(options.PostgresApi, postgresToken), SweepDatabase.Postgres, postgresConnection)
                : null,
            PostgresReader = options.PostgresApi is not null && options.PostgresApiProcessId is { } postgresPid && postgresCaseworkerToken is not null
                ? new ReadTarget(VaultApi.Create(options.PostgresApi, postgresCaseworkerToken), postgresPid)
                : null,
            Packet = options.PacketApi is not null && options.PacketApiProcessId is { } pid && packetToken is not null && packetOrrToken is not null
                ? new PacketTarget(VaultApi.Create(options.PacketApi, packetToken), VaultApi.Create(options.PacketApi, packetOrrToken), pid)
                : null,
            Audit = auditorToken is not null && sqlitePath is not null
                ? new AuditTarget(VaultApi.Create(options.Api, auditorToken), sqlitePath)
                : null,
            Scale = auditorToken is not null && providerAuditorToken is not null && scaleCaseworkerToken is not null && sqlitePath is not null
                ? new ScaleTarget(
                    VaultApi.Create(options.Api, auditorToken), VaultApi.Create(options.Api, providerAuditorToken),
                    VaultApi.Create(options.Api, scaleCaseworkerToken), sqlitePath)
                : null,
        };
    }

    public void Dispose()
    {
        Sqlite?.Manager.Dispose();
        Postgres?.Manager.Dispose();
        PostgresReader?.Caseworker.Dispose();
        Packet?.Caseworker.Dispose();
        Packet?.Official.Dispose();
        Audit?.Auditor.Dispose();
        Scale?.OrrAuditor.Dispose();
        Scale?.ProviderAuditor.Dispose();
        Scale?.Caseworker.Dispose();
    }
}

internal enum SweepDatabase
{
    Sqlite,
    Postgres,
}

/// <param name="Manager">The API, with a token of role Vault.RecordsManager.</param>
/// <param name="Connection">The SQLite file, or the PostgreSQL connection string, of that API's database.</param>
internal sealed record SweepTarget(VaultApi Manager, SweepDatabase Database, string Connection);

/// <param name="Caseworker">A caseworker of organization bench, who creates and reads the case.</param>
/// <param name="ProcessId">The API's process, whose CPU time the row reports.</param>
internal sealed record ReadTarget(VaultApi Caseworker, int ProcessId);

/// <param name="Caseworker">Creates the case and uploads its records.</param>
/// <param name="Official">An ORR official (organization orr), who requests the disclosure.</param>
internal sealed record PacketTarget(VaultApi Caseworker, VaultApi Official, int ProcessId);

/// <param name="Auditor">The API, with a token of role Vault.Auditor in organization orr (who may verify the chain).</param>
/// <param name="SqlitePath">That API's SQLite database file.</param>
internal sealed record AuditTarget(VaultApi Auditor, string SqlitePath);

/// <param name="OrrAuditor">Vault.Auditor in organization orr: every event.</param>
/// <param name="ProviderAuditor">Vault.Auditor in prov-b: the third of the seeded events that touch it.</param>
/// <param name="Caseworker">Vault.Caseworker in the seeded cases' organization.</param>
/// <param name="SqlitePath">The main API's SQLite database file.</param>
internal sealed record ScaleTarget(VaultApi OrrAuditor, VaultApi ProviderAuditor, VaultApi Caseworker, string SqlitePath);
