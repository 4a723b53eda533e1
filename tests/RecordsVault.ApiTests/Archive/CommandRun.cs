using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Api.Archive;
using RecordsVault.Api.Handover;
using RecordsVault.Api.Keys;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests.Archive;

/// <summary>Runs the archive, handover, keys and verify-export commands against a test vault's own configuration, as <c>./run.sh</c> would.</summary>
public static class CommandRun
{
    public static Task<(int Exit, string Stdout, string Stderr)> ArchiveAsync(VaultFactory vault, params string[] args) =>
        RunAsync((o, e) => ArchiveCommand.RunAsync(args, Configuration(vault), o, e));

    public static Task<(int Exit, string Stdout, string Stderr)> HandoverAsync(VaultFactory vault, params string[] args) =>
        RunAsync((o, e) => HandoverCommand.RunAsync(args, Configuration(vault), o, e));

    public static Task<(int Exit, string Stdout, string Stderr)> VerifyExportAsync(params string[] args) =>
        RunAsync((o, e) => VerifyExportCommand.RunAsync(args, o, e));

    /// <summary>The vault's published keys, written to a file as an operator would hand them over.</summary>
    public static async Task<string> PublishKeysAsync(VaultFactory vault, string folder)
    {
        var (exit, keys, stderr) = await RunAsync((o, e) => KeysCommand.RunAsync(["public"], Configuration(vault), o, e));
        Assert.True(exit == 0, stderr);
        var path = Path.Combine(folder, $"keys-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, keys);
        return path;
    }

    /// <summary>The settings the running test vault was given (database, blob container, key folder), and nothing else.</summary>
    private static IConfiguration Configuration(VaultFactory vault) => vault.Services.GetRequiredService<IConfiguration>();

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(Func<TextWriter, TextWriter, Task<int>> command)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await command(stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
