using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability;

/// <summary>What ./reliability.sh hands the runner: paths, the PostgreSQL cluster, and whether this is the quick run.</summary>
internal sealed class Context(bool quick, string dataRoot, string apiDll, string azuriteBin, Postgres postgres)
{
    private int directories;

    public bool Quick => quick;

    public string ApiDll => apiDll;

    public string AzuriteBin => azuriteBin;

    public Postgres Postgres => postgres;

    public string DataRoot => dataRoot;

    public string PidFile => Path.Combine(dataRoot, "pids");

    public string NewDirectory(string name)
    {
        var path = Path.Combine(dataRoot, $"{Interlocked.Increment(ref directories):00}-{name}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static Context FromEnvironment(bool quick)
    {
        static string Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : throw new InvalidOperationException($"{name} is not set (run ./reliability.sh)");
        return new Context(
            quick,
            Env("REL_DATA"),
            Path.GetFullPath(Env("REL_API_DLL")),
            Path.GetFullPath(Env("REL_AZURITE_BIN")),
            new Postgres(Env("REL_POSTGRES"), Env("REL_PG_BIN"), Env("REL_PG_DIR")));
    }
}
