using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Signing;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Keys.Rotation;
using RecordsVault.Infrastructure.Persistence;
using Spectre.Console;

namespace RecordsVault.Api.Keys;

/// <summary>
/// <c>keys status | rotate [--resume] [--batch-size N] | rotate --signing | retire VERSION</c>: the KEK's versions (and the audit-signing key's rotation), against the configured
/// database and key provider. Results go to stdout (a table, or JSON), progress and messages to stderr.
/// </summary>
public static class KeysCommand
{
    public const string Usage = "usage: keys status | keys rotate [--resume] [--batch-size N] | keys rotate --signing | keys retire VERSION | keys public";

    /// <summary>0 done; 1 refused or incomplete (a retire that is not safe, a rewrap with failures); 2 a usage or setup error.</summary>
    public static async Task<int> RunAsync(
        string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per page.", DefaultValueFactory = _ => KekRotation.DefaultBatchSize };
        var signing = new Option<bool>("--signing") { Description = "Rotate the audit-signing key instead of the KEK." };
        var resume = new Option<bool>("--resume") { Description = "Rewrap what is not yet under the current version, without a new version." };
        var version = new Argument<string>("VERSION") { Description = "The KEK version id, as `keys status` shows it." };
        var status = new Command("status", "KEK versions and how many case keys and packets each still wraps.");
        var rotate = new Command("rotate", "A new KEK version, then every case key and packet rewrapped under it.") { batchSize, resume, signing };
        var retire = new Command("retire", "Retires a KEK version that wraps nothing any more.") { version };
        var published = new Command("public", "The signing keys' public halves, as a JSON Web Key Set: publish it to check receipts and exports offline.");
        var root = new RootCommand("keys") { status, rotate, retire, published };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 || parsed.CommandResult.Command == root
            || parsed.CommandResult.Command == rotate && parsed.GetValue(batchSize) < 1)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message);
            }

            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        await using var provider = CommandConfiguration.Services(configuration);
        try
        {
            if (await CommandConfiguration.SchemaRefusalAsync(provider, "keys", cancellationToken) is { } refusal)
            {
                await stderr.WriteLineAsync(refusal);
                return 2;
            }

            var rotation = provider.GetRequiredService<KekRotation>();
            var actor = $"cli:{Environment.UserName}";
            var command = parsed.CommandResult.Command;
            return command == published ? await PublishAsync(provider, stdout, cancellationToken)
                : command == status ? await StatusAsync(rotation, stdout, cancellationToken)
                : command == rotate && parsed.GetValue(signing) ? await RotateSigningAsync(rotation, actor, stdout, stderr, cancellationToken)
                : command == rotate ? await RotateAsync(rotation, actor, parsed.GetValue(resume), parsed.GetValue(batchSize), stdout, stderr, cancellationToken)
                : await RetireAsync(rotation, actor, parsed.GetValue(version)!, stdout, stderr, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            await stderr.WriteLineAsync($"keys could not run: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> PublishAsync(IServiceProvider provider, TextWriter stdout, CancellationToken cancellationToken)
    {
        await stdout.WriteLineAsync(PublishedKeys.Write(await provider.GetRequiredService<VaultSigner>().PublicKeysAsync(cancellationToken)));
        return 0;
    }

    private static async Task<int> StatusAsync(KekRotation rotation, TextWriter stdout, CancellationToken cancellationToken)
    {
        var versions = await rotation.StatusAsync(cancellationToken);
        var table = new Table().AddColumns(new TableColumn("KEK version").NoWrap(), new("current"), new("state"), new("created"), new("case keys"), new("packets"));
        foreach (var v in versions)
        {
            table.AddRow(
                Markup.Escape(v.Id), v.Current ? "yes" : "", v.Enabled ? "enabled" : "retired", v.CreatedAt?.ToString("u") ?? "",
                v.CaseKeys.ToString("N0"), v.Packets.ToString("N0"));
        }

        // Ids are copied from here into `keys retire`: the table is as wide as it needs to be to show them whole.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        console.Profile.Width = Math.Max(console.Profile.Width, versions.Select(v => v.Id.Length).DefaultIfEmpty(0).Max() + 70);
        console.Write(table);
        return 0;
    }

    private static async Task<int> RotateAsync(
        KekRotation rotation, string actor, bool resume, int batchSize, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!resume)
        {
            await stderr.WriteLineAsync($"new KEK version {await rotation.RotateAsync(actor, cancellationToken)} is current");
        }

        var result = await CommandProgress.RunAsync(
            stderr, "rewrapping case keys and packets", (report, ct) => rotation.RewrapAsync(actor, batchSize, report, ct), cancellationToken);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
        await stderr.WriteLineAsync(
            $"rewrapped {result.Rewrapped} under {result.CurrentVersion}; {result.ChangedMeanwhile} changed meanwhile (disposed or rewrapped by another run), "
            + $"{result.Failed} failed, {result.Remaining} still under older versions"
            + (result.Remaining > 0 ? " - run `keys rotate --resume` again" : string.Empty));
        return result.Failed == 0 ? 0 : 1;
    }

    private static async Task<int> RotateSigningAsync(KekRotation rotation, string actor, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var version = await rotation.RotateSigningKeyAsync(actor, cancellationToken);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(new { signingKey = version }, JsonSerializerOptions.Web));
        await stderr.WriteLineAsync($"new audit-signing key version {version}: the next checkpoint is signed with it; older checkpoints still verify");
        return 0;
    }

    private static async Task<int> RetireAsync(
        KekRotation rotation, string actor, string version, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (await rotation.RetireAsync(actor, version, cancellationToken) is { } refusal)
        {
            await stderr.WriteLineAsync($"keys retire refused: {refusal}");
            return 1;
        }

        await stdout.WriteLineAsync(JsonSerializer.Serialize(new { retired = version }, JsonSerializerOptions.Web));
        await stderr.WriteLineAsync($"KEK version {version} retired: nothing it wrapped can be unwrapped again, backups included");
        return 0;
    }
}
