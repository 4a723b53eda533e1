using System.Diagnostics;

namespace RecordsVault.Reliability.Servers;

/// <summary>The built API as its own process, on its own VAULT_DATA; it can be killed and started again on the same data.</summary>
internal sealed class ApiProcess(Context context, string dataPath, string logFile, IDictionary<string, string> environment, Uri url) : IDisposable
{
    private Process? process;

    public Uri Url => url;

    public string DataPath => dataPath;

    public IDictionary<string, string> Environment => environment;

    public int Pid => process?.Id ?? throw new InvalidOperationException("the API is not running");

    /// <summary>An API on SQLite (database null) or on this PostgreSQL database, with these settings on top.</summary>
    public static async Task<ApiProcess> StartAsync(
        Context context, string name, Azurite azurite, string? postgres, CancellationToken cancellationToken, IDictionary<string, string>? settings = null, string? dataPath = null)
    {
        dataPath ??= context.NewDirectory(name);
        var url = new Uri($"http://127.0.0.1:{Ports.Free()}/");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Local",
            ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
            ["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(context.ApiDll)!,
            ["VAULT_DATA"] = dataPath,
            ["Vault__DataPath"] = dataPath,
            ["Vault__Blob__ConnectionString"] = azurite.ConnectionString,
            ["Vault__Blob__Container"] = "records-" + name.ToLowerInvariant(),
        };
        if (postgres is not null)
        {
            environment["Vault__Database__Provider"] = "Postgres";
            environment["Vault__Database__ConnectionString"] = postgres;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        // The log sits beside, not inside, VAULT_DATA: the disk-full scenario's data is on a tmpfs it removes.
        var api = new ApiProcess(context, dataPath, Path.Combine(context.DataRoot, $"{name}.api.log"), environment, url);
        await api.StartAsync(cancellationToken);
        return api;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        process = Shell.Start("dotnet", [context.ApiDll], logFile, environment, context.PidFile);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new InvalidOperationException($"the API in {dataPath} did not start; see {logFile}");
    }

    /// <summary>SIGKILL, as the OOM killer or a pulled plug would.</summary>
    public void Kill()
    {
        if (process is not null)
        {
            Shell.KillHard(process);
            process.Dispose();
            process = null;
        }
    }

    public long RssBytes() => Shell.RssBytes(Pid);

    /// <summary>A bearer token signed with this API's local key (the token command of the API's own dll).</summary>
    public async Task<string> TokenAsync(string role, string org, string sub, CancellationToken cancellationToken)
    {
        var (code, output) = await Shell.RunAsync(
            "dotnet", [context.ApiDll, "token", "--role", role, "--org", org, "--sub", sub],
            new Dictionary<string, string> { ["VAULT_DATA"] = dataPath, ["Vault__DataPath"] = dataPath, ["ASPNETCORE_ENVIRONMENT"] = "Local" },
            cancellationToken);
        return code == 0 ? output.Trim() : throw new InvalidOperationException($"token failed: {output}");
    }

    /// <summary>Runs a command of the API's dll (reconcile, audit verify) on this API's data and storage.</summary>
    public Task<(int ExitCode, string Output)> CommandAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Shell.RunAsync("dotnet", [context.ApiDll, .. arguments], environment.Where(e => !e.Key.StartsWith("ASPNETCORE_URLS", StringComparison.Ordinal)).ToDictionary(), cancellationToken);

    public void Dispose() => Kill();
}
