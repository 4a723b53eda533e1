using System.Net;
using System.Net.Http.Headers;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>Issue 13, hostile input 8: files built to hurt the packet renderer, in one case, then a disclosure packet over it.</summary>
internal sealed class HostileFiles : IScenario
{
    private const long MemoryBound = 400L * 1024 * 1024; // the packet's bound in ./bench.sh row 7

    private const string Marker = "RELIABILITY-ORDINARY-RECORD";

    public string Name => "8. Hostile files";

    public string Done(bool quick) =>
        $"one case with a 100 000² PNG (zlib bomb), a 100 000² TIFF, a truncated JPEG, a PDF with a cyclic page tree, a PDF claiming 10⁹ pages, a text file of one {LineMiB(quick)} MiB line, a DOCX inflating to {BombMiB(quick)} MiB, and one ordinary text record; then a disclosure packet over it";

    public string Checked => $"each upload 201 or a 413/415 problem; the packet is a PDF rendering the ordinary record and naming each stored hostile one with its SHA-256; API RSS ≤ {MemoryBound / 1048576} MiB while rendering; the API stays up";

    // A 50 MiB line made a 14 MB packet of thousands of pages that pdftotext took ten minutes to read back.
    private static int LineMiB(bool quick) => quick ? 4 : 200;

    private static int BombMiB(bool quick) => quick ? 256 : 1024;

    public async Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken)
    {
        using var azurite = await Azurite.StartAsync(context, "hostile-blobs", cancellationToken);
        using var api = await ApiProcess.StartAsync(context, "hostile", azurite, postgres: null, cancellationToken);
        using var vault = await Vault.ForAsync(api, cancellationToken);
        var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);

        (string Name, Func<HttpContent> Content, string Type)[] files =
        [
            ("gigapixel.png", () => new ByteArrayContent(HostileContent.GigapixelPng()), "image/png"),
            ("gigapixel.tiff", () => new ByteArrayContent(HostileContent.GigapixelTiff()), "image/tiff"),
            ("truncated.jpg", () => new ByteArrayContent(HostileContent.TruncatedJpeg()), "image/jpeg"),
            ("cyclic.pdf", () => new ByteArrayContent(HostileContent.CyclicPdf()), "application/pdf"),
            ("billion-pages.pdf", () => new ByteArrayContent(HostileContent.HugePageCountPdf()), "application/pdf"),
            ("one-line.txt", () => new StreamContent(new OneLongLine(LineMiB(context.Quick) * 1024L * 1024), 1024 * 1024), "text/plain"),
            ("bomb.docx", () => new ByteArrayContent(HostileContent.ZipBombDocx(BombMiB(context.Quick) * 1024L * 1024)), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ];
        var stored = new List<(string Name, string Sha256)>();
        foreach (var (name, content, type) in files)
        {
            var file = content();
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            using var response = await Vault.UploadAsync(vault.Cw, caseId, file, name, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                stored.Add((name, json.RootElement.GetProperty("sha256").GetString()!));
            }
            else
            {
                checks.That(
                    response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType && Vault.IsProblem(response),
                    $"{name} is stored or refused with 413/415 (got {(int)response.StatusCode})");
            }
        }

        Log.Info($"  stored {stored.Count} of {files.Length} hostile files: {string.Join(", ", stored.Select(s => s.Name))}");
        var ordinary = new StringContent($"{Marker}\nAn ordinary note.\n");
        ordinary.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using (var upload = await Vault.UploadAsync(vault.Cw, caseId, ordinary, "note.txt", cancellationToken))
        {
            await Vault.IdAsync(upload, HttpStatusCode.Created, cancellationToken);
        }

        var (created, disclosure) = await Vault.PostAsync(vault.Orr, "disclosures", new { caseIds = new[] { caseId }, purpose = "Hostile files" }, cancellationToken);
        checks.That(created == HttpStatusCode.Created, $"the disclosure is created ({created})");
        var id = disclosure.GetProperty("id").GetString();

        using var rendering = new CancellationTokenSource();
        var peak = Sample(api, rendering.Token);
        var packetFile = Path.Combine(context.DataRoot, "hostile-packet.pdf");
        HttpStatusCode status;
        using (var packet = await vault.Orr.GetAsync(new Uri($"disclosures/{id}/packet", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken))
        {
            status = packet.StatusCode;
            await using var output = File.Create(packetFile);
            await (await packet.Content.ReadAsStreamAsync(cancellationToken)).CopyToAsync(output, cancellationToken);
        }

        await rendering.CancelAsync();
        var peakBytes = await peak;
        checks.That(status == HttpStatusCode.OK, $"the packet answers 200 ({(int)status})");
        checks.That(peakBytes <= MemoryBound, $"API RSS stayed within {MemoryBound / 1048576} MiB while rendering (peak {peakBytes / 1048576} MiB)");
        var (code, text) = await Shell.RunAsync("pdftotext", [packetFile, "-"], null, cancellationToken);
        checks.That(code == 0, "the packet is a PDF pdftotext reads");
        var flat = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        checks.That(text.Contains(Marker, StringComparison.Ordinal), "the ordinary record is rendered in the packet");
        foreach (var (name, sha256) in stored)
        {
            checks.That(flat.Contains(sha256, StringComparison.Ordinal), $"the packet names {name} with its SHA-256");
        }

        checks.That(
            text.Contains("could not be rendered", StringComparison.Ordinal) || text.Contains("Not renderable", StringComparison.Ordinal) || stored.Count == 0,
            "the packet marks the hostile records as not renderable");
        using var health = await vault.Cw.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
        checks.That(health.StatusCode == HttpStatusCode.OK, "the API is up and ready after the packet");
    }

    private static async Task<long> Sample(ApiProcess api, CancellationToken stop)
    {
        long peak = 0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, api.RssBytes());
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }
}
