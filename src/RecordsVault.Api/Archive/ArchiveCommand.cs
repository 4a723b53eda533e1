using System.CommandLine;
using System.Text;
using System.Text.Json;
using RecordsVault.Api.Uploads;
using RecordsVault.Core.Access;
using RecordsVault.Core.Archive;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure;
using RecordsVault.Infrastructure.Archive;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Keys;

namespace RecordsVault.Api.Archive;

/// <summary>
/// <c>archive MANIFEST --org ORG [--as NAME] [--yes] [--stop-on-error] [--receipt FILE]</c>: brings a manifest's
/// closed cases into the vault as a records manager of ORG (docs/archive.md). MANIFEST is a manifest CSV, a folder
/// holding <c>manifest.csv</c>, or an export's ZIP. The whole manifest is checked first; nothing is stored while it
/// has a problem. The signed receipt goes to a file, a JSON summary to stdout, progress and messages to stderr.
/// </summary>
public static class ArchiveCommand
{
    public const string Usage = "usage: archive MANIFEST --org ORG [--as NAME] [--yes] [--stop-on-error] [--receipt FILE]";

    /// <summary>0 all in; 1 refused (manifest problems, cases past retention without --yes) or some cases not finished; 2 usage or setup; 130 stopped.</summary>
    public static async Task<int> RunAsync(
        string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var manifestArg = new Argument<string>("MANIFEST") { Description = "A manifest CSV, a folder with manifest.csv, or an export's ZIP." };
        var org = new Option<string>("--org") { Description = "The organization the cases belong to.", Required = true };
        var actingAs = new Option<string>("--as") { Description = "Who archives, as the audit trail names them (a records manager of ORG).", DefaultValueFactory = _ => $"cli:{Environment.UserName}" };
        var yes = new Option<bool>("--yes") { Description = "Archive even cases already past retention (eligible for disposal at the next sweep)." };
        var stopOnError = new Option<bool>("--stop-on-error") { Description = "Stop at the first case that cannot be finished." };
        var receiptPath = new Option<string?>("--receipt") { Description = "Where the signed receipt goes (default: archive-receipt-<id>.json here)." };
        var root = new RootCommand("archive") { manifestArg, org, actingAs, yes, stopOnError, receiptPath };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 || !Organizations.IsValidId(parsed.GetValue(org)!))
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message);
            }

            await stderr.WriteLineAsync(parsed.Errors.Count == 0 ? $"archive: '{parsed.GetValue(org)}' is not an organization id. {Usage}" : Usage);
            return 2;
        }

        using var source = Source(parsed.GetValue(manifestArg)!, out var manifestName, out var openError);
        if (source is null)
        {
            await stderr.WriteLineAsync($"archive: {openError}");
            return 2;
        }

        await using var provider = CommandConfiguration.Services(configuration);
        var today = DateOnly.FromDateTime(provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        ArchiveManifest manifest;
        using (var reader = new StreamReader(source.Open(manifestName), Encoding.UTF8))
        {
            manifest = ArchiveManifest.Read(reader, source.Exists, today);
        }

        if (manifest.Problems.Count > 0)
        {
            foreach (var problem in manifest.Problems)
            {
                await stderr.WriteLineAsync($"{manifestName} {problem}");
            }

            await stderr.WriteLineAsync($"archive refused: {manifest.Problems.Count} problems in {manifestName}; nothing was stored.");
            return 1;
        }

        var due = manifest.PastRetention(provider.GetRequiredService<RetentionPolicy>(), today);
        await stderr.WriteLineAsync(
            $"{manifestName}: {manifest.Entries.Count} cases, {manifest.RecordCount} records; {due.Count} cases already past retention "
            + "(eligible for disposal at the next sweep).");
        if (due.Count > 0 && !parsed.GetValue(yes))
        {
            await stderr.WriteLineAsync(
                $"archive refused: run again with --yes to archive {string.Join(", ", due.Take(10).Select(e => e.Case.CaseNumber))}"
                + (due.Count > 10 ? $" and {due.Count - 10} more" : string.Empty) + "; nothing was stored.");
            return 1;
        }

        try
        {
            // A fresh vault can be filled before it first serves: the same start-up the vault runs (idempotent).
            await ActivatorUtilities.CreateInstance<VaultInitializer>(provider).StartAsync(cancellationToken);
            return await ImportAsync(provider, manifest, source, parsed, (org, actingAs, stopOnError, receiptPath), stdout, stderr, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("archive stopped: what is in stays in; run the same command again to finish (nothing is stored twice).");
            return 130;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await stderr.WriteLineAsync($"archive could not run: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> ImportAsync(
        ServiceProvider provider, ArchiveManifest manifest, ArchiveFiles source, ParseResult parsed,
        (Option<string> Org, Option<string> As, Option<bool> StopOnError, Option<string?> Receipt) options,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var actor = new AuditActor(parsed.GetValue(options.As)!, parsed.GetValue(options.Org)!, [Roles.RecordsManager]);
        var run = new ArchiveRun(
            provider.GetRequiredService<IConfiguration>().GetSection(UploadOptions.Section).Get<UploadOptions>()?.MaxBytes ?? new UploadOptions().MaxBytes,
            parsed.GetValue(options.StopOnError), $"cli-{Guid.NewGuid():N}");
        var totalBytes = manifest.Entries.SelectMany(e => e.Records).Sum(r => source.Length(r.File));
        await using var scope = provider.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ArchiveImporter>();
        var receipt = await CommandProgress.RunAsync(stderr, "archiving", inBytes: true, (report, ct) => importer.ImportAsync(
            manifest, source, actor, run,
            new InlineProgress<ArchiveProgress>(p => report(p.BytesDone, totalBytes, $"archiving: {p.RowsDone:N0} of {p.Rows:N0} records")), ct), cancellationToken);
        var signed = await provider.GetRequiredService<VaultSigner>().SignAsync(receipt, CancellationToken.None);
        var path = parsed.GetValue(options.Receipt) ?? $"archive-receipt-{receipt.Id}.json";
        await File.WriteAllTextAsync(path, signed.ToJson(), CancellationToken.None);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(
            new { receipt = Path.GetFullPath(path), receiptId = receipt.Id, receipt.Rows, receipt.RowsStored, receipt.RowsAlreadyIn, receipt.Failures },
            JsonSerializerOptions.Web));
        foreach (var failure in receipt.Failures)
        {
            await stderr.WriteLineAsync(failure);
        }

        await stderr.WriteLineAsync(
            $"archived {receipt.RowsStored} records, {receipt.RowsAlreadyIn} already in, {receipt.Cases.Count} cases finished, "
            + $"{receipt.Failures.Count} not finished; signed receipt {path} ({signed.Header.Kid})"
            + (receipt.Failures.Count > 0 ? " - run the same command again to finish them" : string.Empty));
        return receipt.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The files and the manifest's name among them, or null with the reason.</summary>
    private static ArchiveFiles? Source(string path, out string manifestName, out string? error)
    {
        manifestName = ExportIndex.ManifestPath;
        error = null;
        try
        {
            if (File.Exists(path) && path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                manifestName = Path.GetFileName(path);
                return ArchiveFiles.At(Path.GetDirectoryName(Path.GetFullPath(path))!);
            }

            var files = ArchiveFiles.At(path);
            if (!files.Exists(manifestName))
            {
                files.Dispose();
                error = $"{path} holds no {manifestName}.";
                return null;
            }

            return files;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error = ex.Message;
            return null;
        }
    }
}
