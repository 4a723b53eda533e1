using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RecordsVault.Tests;

/// <summary>Small helpers for calling the API the way a client would.</summary>
public static class ApiCalls
{
    public static async Task<JsonElement> CreateCaseAsync(HttpClient client, string? caseNumber = null, string releaseDate = "2025-01-15")
    {
        var response = await client.PostAsJsonAsync("/cases", new
        {
            caseNumber = caseNumber ?? "C-" + Guid.NewGuid().ToString("N")[..10],
            state = "TX",
            releaseDate,
            childDateOfBirth = "2010-06-01",
            prsType = "Tvpra",
            prsLevel = 2,
        });
        return await ExpectJsonAsync(response, HttpStatusCode.Created);
    }

    public static MultipartFormDataContent RecordForm(
        byte[] content, string contentType = "text/plain", string fileName = "note.txt",
        string title = "Home visit note", string kind = "home-visit-note", string developedAt = "2025-02-01")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent
        {
            { new StringContent(title), "title" },
            { new StringContent(kind), "kind" },
            { new StringContent(developedAt), "developedAt" },
            { file, "file", fileName },
        };
    }

    public static async Task<JsonElement> UploadAsync(HttpClient client, string caseId, byte[] content, string contentType = "text/plain",
        string fileName = "note.txt", string developedAt = "2025-02-01")
    {
        using var form = RecordForm(content, contentType, fileName, developedAt: developedAt);
        var response = await client.PostAsync($"/cases/{caseId}/records", form);
        return await ExpectJsonAsync(response, HttpStatusCode.Created);
    }

    public static async Task<JsonElement> ExpectJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> PostJsonAsync(HttpClient client, string url, object? body, HttpStatusCode expected) =>
        await ExpectJsonAsync(await client.PostAsJsonAsync(url, body ?? new { }), expected);

    public static string Lifecycle(this JsonElement element) => element.GetProperty("lifecycle").GetString()!;

    public static string Id(this JsonElement element) => element.GetProperty("id").GetString()!;
}
