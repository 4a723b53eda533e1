namespace RecordsVault.Tests;

/// <summary>The real servers that ./test.sh starts; running a suite without them fails loudly rather than skipping.</summary>
public static class TestEnvironment
{
    public static string AzuriteConnectionString => Require("VAULT_TEST_AZURITE");

    public static string AzuriteDataPath => Require("VAULT_TEST_AZURITE_DIR");

    public static string PostgresConnectionString => Require("VAULT_TEST_POSTGRES");

    /// <summary>A fresh folder for one test's VAULT_DATA, under the run's throwaway folder.</summary>
    public static string NewDataPath()
    {
        var root = Environment.GetEnvironmentVariable("VAULT_TEST_DATA") ?? Path.GetTempPath();
        var path = Path.Combine(root, "vault-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A container name no other test uses, so tests can run in parallel on one Azurite.</summary>
    public static string NewContainerName() => "t" + Guid.NewGuid().ToString("N");

    /// <summary>A PostgreSQL connection string to a database no other test uses; EF creates it on migration.</summary>
    public static string NewPostgresDatabase() =>
        PostgresConnectionString.Replace("Database=postgres", "Database=rv_" + Guid.NewGuid().ToString("N")[..16], StringComparison.Ordinal);

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the suites through ./test.sh, which starts Azurite and PostgreSQL.");
}
