using System.Diagnostics;

namespace RecordsVault.Tests;

/// <summary>
/// The built API run as its own process, as an operator would start it; for what happens at start-up, where the
/// in-process test host can race its own disposal and hide the app's message.
/// </summary>
public static class VaultProcess
{
    /// <summary>Starts the API with the settings (as environment variables) and waits up to a minute for it to exit.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(ApiDirectory, "RecordsVault.Api.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = ApiDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Local"; // Production refuses local keys, local tokens and Azurite
        start.Environment["Vault__DataPath"] = TestEnvironment.NewDataPath();
        start.Environment["Vault__Blob__ConnectionString"] = TestEnvironment.AzuriteConnectionString;
        start.Environment["Vault__Blob__Container"] = TestEnvironment.NewContainerName();
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The API did not stop within a minute; it should have refused to start.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The Release build of the API, as ./test.sh builds it.</summary>
    public static string ApiDirectory => Path.Combine(RepositoryRoot.Path, "src", "RecordsVault.Api", "bin", "Release", "net10.0");

}
