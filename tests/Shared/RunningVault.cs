using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using RecordsVault.Api.Identity;
using RecordsVault.Infrastructure;

namespace RecordsVault.Tests;

/// <summary>
/// The built API serving as its own process, with its own environment: for settings that are process-wide, such as the
/// managed identity endpoint <c>DefaultAzureCredential</c> reads, or the trusted roots in <c>SSL_CERT_FILE</c>.
/// Disposing it stops the process.
/// </summary>
public sealed partial class RunningVault : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock gate = new();
    private LocalSigningKey? signingKey;

    private RunningVault(Process process, string dataPath, string container, string checkpointContainer)
    {
        this.process = process;
        DataPath = dataPath;
        Container = container;
        CheckpointContainer = checkpointContainer;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string DataPath { get; }

    public string Container { get; }

    public string CheckpointContainer { get; }

    /// <summary>Everything the process wrote so far, stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the API with the settings (as environment variables, <c>:</c> as <c>__</c>) and waits until it listens, on
    /// <paramref name="url"/> or a port the system picks.
    /// </summary>
    public static async Task<RunningVault> StartAsync(IDictionary<string, string> settings, string url = "http://127.0.0.1:0")
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(VaultProcess.ApiDirectory, "RecordsVault.Api.dll"), "--urls", url])
        {
            WorkingDirectory = VaultProcess.ApiDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var dataPath = TestEnvironment.NewDataPath();
        var container = TestEnvironment.NewContainerName();
        var checkpoints = TestEnvironment.NewContainerName();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Local"; // Production refuses local keys, local tokens and Azurite
        start.Environment["Vault__DataPath"] = dataPath;
        start.Environment["Vault__Blob__ConnectionString"] = TestEnvironment.AzuriteConnectionString;
        start.Environment["Vault__Blob__Container"] = container;
        start.Environment["Vault__Audit__CheckpointContainer"] = checkpoints;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var vault = new RunningVault(new Process { StartInfo = start }, dataPath, container, checkpoints);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (vault.gate)
            {
                vault.output.AppendLine(e.Data);
            }

            if (ListeningOn().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        vault.process.OutputDataReceived += Read;
        vault.process.ErrorDataReceived += Read;
        vault.process.Start();
        vault.process.BeginOutputReadLine();
        vault.process.BeginErrorReadLine();
        var exited = vault.process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(1)));
        if (first != listening.Task)
        {
            await vault.DisposeAsync();
            throw new InvalidOperationException($"The API did not start listening:\n{vault.Output}");
        }

        vault.BaseAddress = await listening.Task;
        return vault;
    }

    /// <summary>A client whose token the process accepts: signed with the local key under its data folder, as <c>run.sh token</c> does.</summary>
    public HttpClient ClientFor(string org, string sub, params string[] roles)
    {
        var options = new VaultIdentityOptions();
        // One key object for the process's life: the token library caches signers by key.
        var key = signingKey ??= new LocalSigningKey(options, new VaultPaths(DataPath));
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", LocalTokens.Mint(key, options, sub, org, roles, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30)));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        signingKey?.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
