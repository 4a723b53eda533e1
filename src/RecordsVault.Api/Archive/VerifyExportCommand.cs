using System.CommandLine;
using System.Text.Json;
using RecordsVault.Core.Archive;
using RecordsVault.Core.Signing;

namespace RecordsVault.Api.Archive;

/// <summary>
/// <c>verify-export PATH --keys FILE</c>: checks an export (folder or ZIP) offline, with only the vault's published
/// keys (<c>./run.sh keys public</c>): no database, storage or key service. Problems go to stderr, a summary to stdout.
/// </summary>
public static class VerifyExportCommand
{
    public const string Usage = "usage: verify-export PATH --keys FILE";

    /// <summary>0 intact; 1 the signature or a digest does not hold, or a file is missing or extra; 2 usage.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var path = new Argument<string>("PATH") { Description = "The export: a folder, or a .zip file." };
        var keysFile = new Option<string>("--keys") { Description = "The vault's published keys, as ./run.sh keys public prints them.", Required = true };
        var parsed = new RootCommand("verify-export") { path, keysFile }.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message);
            }

            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        IReadOnlyList<SigningPublicKey> keys;
        ArchiveFiles files;
        try
        {
            keys = PublishedKeys.Read(await File.ReadAllTextAsync(parsed.GetValue(keysFile)!, cancellationToken));
            files = ArchiveFiles.At(parsed.GetValue(path)!);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or InvalidDataException)
        {
            await stderr.WriteLineAsync($"verify-export: {ex.Message}");
            return 2;
        }

        using (files)
        {
            var check = await CommandProgress.RunAsync(stderr, "checking record files", (report, ct) =>
                ExportVerifier.VerifyAsync(files, keys, DateOnly.FromDateTime(DateTime.UtcNow), new InlineProgress<(long Done, long Total)>(p => report(p.Done, p.Total)), ct), cancellationToken);
            foreach (var problem in check.Problems)
            {
                await stderr.WriteLineAsync(problem);
            }

            await stdout.WriteLineAsync(JsonSerializer.Serialize(
                new { intact = check.Intact, exportId = check.Index?.ExportId, organization = check.Index?.Organization, signedBy = check.SignedBy, check.RecordsChecked, check.BytesChecked, problems = check.Problems.Count },
                JsonSerializerOptions.Web));
            await stderr.WriteLineAsync(check.Intact
                ? $"export {check.Index!.ExportId} of {check.Index.Organization} is intact: signature good, {check.RecordsChecked} record files match their SHA-256"
                : $"export NOT intact: {check.Problems.Count} problems");
            return check.Intact ? 0 : 1;
        }
    }
}
