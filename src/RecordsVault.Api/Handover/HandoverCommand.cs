using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Access;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Handover;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Api.Handover;

/// <summary>
/// <c>handover transfer --from ORG --to ORG [filters] [--yes]</c> moves a provider's cases to ORR or a successor
/// inside this vault; <c>handover export --from ORG --out PATH [filters]</c> writes them for another vault, as a
/// folder or a <c>.zip</c> (docs/archive.md). Both act as an ORR official, as the audit trail shows.
/// </summary>
public static class HandoverCommand
{
    public const string Usage =
        "usage: handover transfer --from ORG --to ORG [--state XX] [--case-number PREFIX] [--held true|false] [--as NAME] [--yes]\n"
        + "       handover export --from ORG --out FOLDER|FILE.zip [--state XX] [--case-number PREFIX] [--held true|false] [--as NAME]";

    /// <summary>0 done; 1 refused (a clash, no --yes); 2 usage or setup; 130 stopped.</summary>
    public static async Task<int> RunAsync(
        string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var from = new Option<string>("--from") { Description = "The provider whose cases move.", Required = true };
        var to = new Option<string>("--to") { Description = "The successor organization, or orr.", Required = true };
        var output = new Option<string>("--out") { Description = "A new folder, or a file ending in .zip.", Required = true };
        var state = new Option<string?>("--state") { Description = "Only cases of this licensing state." };
        var number = new Option<string?>("--case-number") { Description = "Only case numbers starting with this." };
        var held = new Option<bool?>("--held") { Description = "Only held (true) or not held (false) cases." };
        var actingAs = new Option<string>("--as") { Description = "The ORR official, as the audit trail names them.", DefaultValueFactory = _ => $"cli:{Environment.UserName}" };
        var yes = new Option<bool>("--yes") { Description = "Transfer; without it the command only says how many cases would move." };
        var transfer = new Command("transfer", "Move the cases to another organization in this vault.") { from, to, state, number, held, actingAs, yes };
        var export = new Command("export", "Write the cases, their files and a signed manifest for another vault.") { from, output, state, number, held, actingAs };
        var parsed = new RootCommand("handover") { transfer, export }.Parse(args);
        var command = parsed.CommandResult.Command;
        if (parsed.Errors.Count > 0 || (command != transfer && command != export)
            || !Organizations.IsValidId(parsed.GetValue(from)) || (command == transfer && !Organizations.IsValidId(parsed.GetValue(to))))
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message);
            }

            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var selection = new HandoverSelection(
            parsed.GetValue(from)!, new CaseFilter(State: parsed.GetValue(state), CaseNumber: parsed.GetValue(number), Held: parsed.GetValue(held)));
        var actor = new AuditActor(parsed.GetValue(actingAs)!, Organizations.Orr, [Roles.OrrOfficial]);
        await using var provider = CommandConfiguration.Services(configuration);
        try
        {
            if (await CommandConfiguration.SchemaRefusalAsync(provider, "handover", cancellationToken) is { } refusal)
            {
                await stderr.WriteLineAsync(refusal);
                return 2;
            }

            await using var scope = provider.CreateAsyncScope();
            return command == transfer
                ? await TransferAsync(scope.ServiceProvider, selection, parsed.GetValue(to)!, actor, parsed.GetValue(yes), stdout, stderr, cancellationToken)
                : await ExportAsync(scope.ServiceProvider, selection, parsed.GetValue(output)!, actor, stdout, stderr, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("handover stopped: batches already moved stay moved; run the same command again for the rest.");
            return 130;
        }
        catch (Exception ex) when (ex is ConflictException or ValidationException)
        {
            await stderr.WriteLineAsync($"handover refused: {Message(ex)}");
            return 1;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await stderr.WriteLineAsync($"handover could not run: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> TransferAsync(
        IServiceProvider services, HandoverSelection selection, string to, AuditActor actor, bool yes,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!yes)
        {
            var count = await selection.Query(services.GetRequiredService<VaultDbContext>()).CountAsync(cancellationToken);
            await stderr.WriteLineAsync($"{count} cases of {selection.From} would move to {to}; run again with --yes to transfer them.");
            return 1;
        }

        var result = await CommandProgress.RunAsync(stderr, $"transferring {selection.From} to {to}", (report, ct) =>
            services.GetRequiredService<HandoverTransfer>().TransferAsync(
                selection, to, actor, $"cli-{Guid.NewGuid():N}", new InlineProgress<(long Done, long Total)>(p => report(p.Done, p.Total)), ct), cancellationToken);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(new { result.From, result.To, result.Transferred, result.Batches }, JsonSerializerOptions.Web));
        await stderr.WriteLineAsync($"transferred {result.Transferred} cases from {result.From} to {result.To} in {result.Batches} audited batches");
        return 0;
    }

    private static async Task<int> ExportAsync(
        IServiceProvider services, HandoverSelection selection, string path, AuditActor actor,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var zip = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        if (zip ? File.Exists(path) : Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            await stderr.WriteLineAsync($"handover refused: {path} already exists; an export goes to a new folder or file.");
            return 1;
        }

        await using var file = zip ? new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true) : null;
        ExportTarget target = file is null ? new ExportTarget.Folder(path) : new ExportTarget.Zip(file);
        var index = await CommandProgress.RunAsync(stderr, $"exporting {selection.From}", inBytes: false, (report, ct) =>
            services.GetRequiredService<HandoverExport>().ExportAsync(
                selection, target, actor, $"cli-{Guid.NewGuid():N}",
                new InlineProgress<ExportProgress>(p => report(p.Records, p.Total, $"exporting: {p.Records:N0} of {p.Total:N0} records, {p.Bytes / 1048576.0:N1} MiB")), ct),
            cancellationToken);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(
            new { export = Path.GetFullPath(path), index.ExportId, index.Organization, index.Cases, index.Records }, JsonSerializerOptions.Web));
        await stderr.WriteLineAsync(
            $"exported {index.Cases} cases and {index.Records} records of {index.Organization} to {path}; "
            + "check it with ./run.sh verify-export and the keys from ./run.sh keys public");
        return 0;
    }

    private static string Message(Exception ex) =>
        ex is ValidationException validation ? string.Join(" ", validation.Errors.SelectMany(e => e.Value)) : ex.Message;
}
