using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability;

/// <summary>The people of one API, each with a client carrying a token signed by that API's key.</summary>
internal sealed class Vault(ApiProcess api, HttpClient cw, HttpClient rm1, HttpClient rm2, HttpClient orr, HttpClient auditor) : IDisposable
{
    public ApiProcess Api => api;

    /// <summary>A caseworker of provider prov-a.</summary>
    public HttpClient Cw => cw;

    /// <summary>Two records managers of prov-a: a disposition needs a second one to approve it.</summary>
    public HttpClient Rm1 => rm1;

    public HttpClient Rm2 => rm2;

    public HttpClient Orr => orr;

    public HttpClient Auditor => auditor;

    public static async Task<Vault> ForAsync(ApiProcess api, CancellationToken cancellationToken) => new(
        api,
        Client(api, await api.TokenAsync("Vault.Caseworker", "prov-a", "cw", cancellationToken)),
        Client(api, await api.TokenAsync("Vault.RecordsManager", "prov-a", "rm1", cancellationToken)),
        Client(api, await api.TokenAsync("Vault.RecordsManager", "prov-a", "rm2", cancellationToken)),
        Client(api, await api.TokenAsync("Vault.OrrOfficial", "orr", "orr-official", cancellationToken)),
        Client(api, await api.TokenAsync("Vault.Auditor", "orr", "auditor", cancellationToken)));

    public static HttpClient Client(ApiProcess api, string? token)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false, AutomaticDecompression = DecompressionMethods.None };
        var http = new HttpClient(handler) { BaseAddress = api.Url, Timeout = TimeSpan.FromMinutes(5) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static bool IsProblem(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    /// <summary>A new open case of prov-a; releaseDate 2015 makes one that can be closed and be due at once.</summary>
    public static async Task<string> CreateCaseAsync(HttpClient who, CancellationToken cancellationToken, string releaseDate = "2025-01-15")
    {
        using var response = await CreateCaseResponseAsync(who, releaseDate, cancellationToken);
        return await IdAsync(response, HttpStatusCode.Created, cancellationToken);
    }

    public static Task<HttpResponseMessage> CreateCaseResponseAsync(HttpClient who, string releaseDate, CancellationToken cancellationToken) =>
        who.PostAsJsonAsync(
            "cases",
            new { caseNumber = $"REL-{Guid.NewGuid():N}", state = "TX", releaseDate, childDateOfBirth = "2008-06-01", prsType = "Tvpra", prsLevel = 2 },
            cancellationToken);

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient who, string caseId, HttpContent file, string fileName, CancellationToken cancellationToken, string developedAt = "2025-02-01")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Reliability file"), "title" },
            { new StringContent("report"), "kind" },
            { new StringContent(developedAt), "developedAt" },
            { file, "file", fileName },
        };
        return await who.PostAsync(new Uri($"cases/{caseId}/records", UriKind.Relative), form, cancellationToken);
    }

    public static HttpContent Pdf(Stream content)
    {
        var file = new StreamContent(content, 256 * 1024);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return file;
    }

    public static async Task<string> IdAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}, not {(int)expected}: {body[..Math.Min(body.Length, 300)]}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>POSTs JSON and answers the status and the body's JSON (or an empty object).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient who, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await who.PostAsJsonAsync(path, body ?? new { }, cancellationToken);
        return (response.StatusCode, await JsonAsync(response, cancellationToken));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient who, string path, CancellationToken cancellationToken)
    {
        using var response = await who.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return (response.StatusCode, await JsonAsync(response, cancellationToken));
    }

    /// <summary>The audit chain's verdict, as the auditor asks for it.</summary>
    public async Task<(bool Valid, long Events)> VerifyAuditAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await GetAsync(auditor, "audit/verify", cancellationToken);
        return status == HttpStatusCode.OK
            ? (body.GetProperty("valid").GetBoolean(), body.GetProperty("events").GetInt64())
            : throw new InvalidOperationException($"GET /audit/verify answered {(int)status}");
    }

    /// <summary>Downloads a record whole and answers its SHA-256 (hex), or null when the answer is not a full 200.</summary>
    public static async Task<string?> DownloadHashAsync(HttpClient who, string recordId, CancellationToken cancellationToken)
    {
        using var response = await who.GetAsync(new Uri($"records/{recordId}/content", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(body, cancellationToken));
    }

    /// <summary>Waits until /health/ready answers this status; false if it never did within the time.</summary>
    public async Task<bool> ReadyIsAsync(HttpStatusCode status, TimeSpan within, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + within;
        do
        {
            try
            {
                using var response = await cw.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == status)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250, cancellationToken);
        }
        while (DateTime.UtcNow < until);
        return false;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length == 0)
        {
            return JsonDocument.Parse("{}").RootElement;
        }

        try
        {
            return JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("{}").RootElement;
        }
    }

    public void Dispose()
    {
        foreach (var http in new[] { cw, rm1, rm2, orr, auditor })
        {
            http.Dispose();
        }
    }
}
