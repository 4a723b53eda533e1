using System.Net.Http.Json;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>Every route of the API built so far, as a request a test can send.</summary>
public static class Routes
{
    public static readonly string[] All =
    [
        "POST /cases",
        "GET /cases/{case}",
        "GET /cases",
        "POST /cases/{case}/records",
        "GET /cases/{case}/records",
        "GET /records/{record}",
        "GET /records/{record}/content",
    ];

    public static HttpRequestMessage Request(string route, ApiFixture fixture)
    {
        var parts = route.Split(' ');
        var path = parts[1].Replace("{case}", fixture.CaseId, StringComparison.Ordinal)
            .Replace("{record}", fixture.RecordId, StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(parts[0]), path);
        request.Content = route switch
        {
            "POST /cases" => JsonContent.Create(new
            {
                caseNumber = "C-" + Guid.NewGuid().ToString("N")[..10],
                state = "CA",
                releaseDate = "2025-01-15",
                childDateOfBirth = "2009-03-01",
                prsType = "HomeStudy",
                prsLevel = 1,
            }),
            "POST /cases/{case}/records" => ApiCalls.RecordForm("note"u8.ToArray()),
            _ => null,
        };
        return request;
    }
}
