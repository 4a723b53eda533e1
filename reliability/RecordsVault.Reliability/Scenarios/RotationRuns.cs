using System.Net;
using System.Text.Json;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>
/// Key rotation in the reliability scenarios: <c>keys rotate</c> is its own process beside the API (as an operator runs
/// it), so it can be killed mid-rewrap or raced against uploads; <c>keys rotate --resume</c> must then leave nothing under
/// an older version, and every record must still read back byte-identical.
/// </summary>
internal static class RotationRuns
{
    /// <summary>Cases with one small record each; returns each record's id and content seed.</summary>
    public static async Task<List<(string RecordId, int Seed)>> RecordsAsync(Vault vault, int count, int firstSeed, CancellationToken cancellationToken)
    {
        var records = new List<(string, int)>();
        for (var i = 0; i < count; i++)
        {
            var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);
            using var upload = await Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(Size, firstSeed + i)), "r.pdf", cancellationToken);
            records.Add((await Vault.IdAsync(upload, HttpStatusCode.Created, cancellationToken), firstSeed + i));
        }

        return records;
    }

    public const int Size = 8 * 1024;

    /// <summary><c>keys rotate</c> started as a process of its own on the API's data and storage, logging beside it.</summary>
    public static System.Diagnostics.Process Start(Context context, ApiProcess api, string name) =>
        Shell.Start(
            "dotnet", [context.ApiDll, "keys", "rotate", "--batch-size", "1"], Path.Combine(context.DataRoot, $"{name}.rotate.log"),
            api.Environment.Where(e => e.Key != "ASPNETCORE_URLS").ToDictionary(), context.PidFile);

    /// <summary>
    /// Waits until the rotation has made its new KEK version (a new file among the local key versions), then
    /// <paramref name="afterMilliseconds"/> more; or until the process ends, or 60 seconds.
    /// </summary>
    public static async Task NewVersionAsync(ApiProcess api, System.Diagnostics.Process rotation, int afterMilliseconds, CancellationToken cancellationToken)
    {
        var versions = Path.Combine(api.DataPath, "keys", "kek");
        int Count() => Directory.Exists(versions) ? Directory.GetFiles(versions, "*.pem").Length : 0;
        var before = Count();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Count() == before && !rotation.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5, cancellationToken);
        }

        await Task.Delay(afterMilliseconds, cancellationToken);
    }

    /// <summary><c>keys rotate --resume</c> to its end: its exit code and the rows still under an older version.</summary>
    public static async Task<(int ExitCode, long Remaining, string Output)> ResumeAsync(ApiProcess api, CancellationToken cancellationToken)
    {
        var (code, output) = await api.CommandAsync(["keys", "rotate", "--resume"], cancellationToken);
        var json = output.Split('\n').FirstOrDefault(line => line.StartsWith('{'));
        var remaining = json is null ? -1 : JsonDocument.Parse(json).RootElement.GetProperty("remaining").GetInt64();
        return (code, remaining, json ?? output);
    }

    /// <summary>How many of the records read back with the content they were uploaded with.</summary>
    public static async Task<int> IntactAsync(Vault vault, IEnumerable<(string RecordId, int Seed)> records, CancellationToken cancellationToken)
    {
        var intact = 0;
        foreach (var (recordId, seed) in records)
        {
            intact += await Vault.DownloadHashAsync(vault.Cw, recordId, cancellationToken) == Content.Sha256(Size, seed) ? 1 : 0;
        }

        return intact;
    }
}
