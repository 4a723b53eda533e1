using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>Issue 13, hostile input 7: a bad-input corpus over every route of the OpenAPI document, as every role.</summary>
internal sealed class BadInput : IScenario
{
    private static readonly string[] BadIds = ["x", new string('9', 4000), "%00", "..%2F..%2Fetc", "' OR 1=1 --", "%E2%80%AE%01", "-1", "1e400"];

    private static readonly (string Name, string Body, string ContentType)[] BadBodies =
    [
        ("malformed JSON", "{\"caseIds\": [", "application/json"),
        ("empty body", "", "application/json"),
        ("JSON null", "null", "application/json"),
        ("an array", "[1,2,3]", "application/json"),
        ("wrong types", "{\"caseNumber\":[],\"state\":{},\"releaseDate\":7,\"prsLevel\":\"two\",\"caseIds\":\"x\",\"recordIds\":5,\"matter\":false,\"servicePeriodEnd\":[],\"resolution\":1}", "application/json"),
        ("boundary numbers", "{\"caseNumber\":\"N\",\"state\":\"TX\",\"releaseDate\":\"9999-12-31\",\"childDateOfBirth\":\"0001-01-01\",\"prsType\":\"Tvpra\",\"prsLevel\":2147483648,\"page\":-1}", "application/json"),
        ("huge number", "{\"prsLevel\":1e400,\"caseIds\":[1e400]}", "application/json"),
        ("over-long strings", $"{{\"caseNumber\":\"{new string('A', 200_000)}\",\"matter\":\"{new string('m', 200_000)}\",\"reason\":\"{new string('r', 200_000)}\",\"purpose\":\"{new string('p', 200_000)}\",\"caseIds\":[\"{new string('c', 100_000)}\"]}}", "application/json"),
        ("control characters", "{\"caseNumber\":\"\\u0000\\u001b[2J\",\"state\":\"\\u0007X\",\"matter\":\"\\u0000\",\"reason\":\"\\ud800\",\"purpose\":\"\\u202e\",\"recipient\":\"\\u0000\",\"caseIds\":[\"\\u0000\"],\"resolution\":\"\\u0000\"}", "application/json"),
        ("deep nesting", new string('[', 5000) + new string(']', 5000), "application/json"),
        ("wrong content type", "caseNumber=1", "text/plain"),
        ("XML", "<case><id>1</id></case>", "application/xml"),
        ("broken multipart", "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc", "multipart/form-data; boundary=b"),
        ("multipart without boundary", "--b\r\n\r\n", "multipart/form-data"),
        ("multipart, field after file", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n\r\n--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--b--\r\n", "multipart/form-data; boundary=b"),
    ];

    private static readonly string[] BadQueries = ["?page=-1&pageSize=0", "?page=99999999999&pageSize=99999999999", "?lifecycle=Nope&from=notadate&to=2025-13-45", "?caseId=%00&from=9999-99-99", "?page=1e3&pageSize=%20"];

    public string Name => "7. Bad-input corpus";

    public string Done(bool quick) =>
        $"every route and method of /openapi/v1.json, as no token and each of the 5 roles: {BadIds.Length} bad ids, {BadBodies.Length} bad bodies (malformed/wrong-typed JSON, boundary numbers, 200 000-character and control-character strings, broken multipart, wrong content types), {BadQueries.Length} bad queries";

    public string Checked => "zero 5xx, zero stack traces or exception names in bodies, every error application/problem+json (but Kestrel's bare 400 for a %00 in the path, refused before the app runs)";

    public async Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken)
    {
        using var azurite = await Azurite.StartAsync(context, "bad-input-blobs", cancellationToken);
        using var api = await ApiProcess.StartAsync(context, "bad-input", azurite, postgres: null, cancellationToken);
        using var vault = await Vault.ForAsync(api, cancellationToken);
        using var designee = Vault.Client(api, await api.TokenAsync("Vault.OrrDesignee", "orr", "designee", cancellationToken));
        using var anonymous = Vault.Client(api, null);
        HttpClient[] callers = [anonymous, vault.Cw, vault.Rm1, vault.Orr, designee, vault.Auditor];
        var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);

        var routes = await RoutesAsync(anonymous, cancellationToken);
        checks.That(routes.Count >= 20, $"the OpenAPI document lists the routes ({routes.Count})");
        var sent = 0;
        var failures = new List<string>();
        foreach (var (method, template) in routes)
        {
            foreach (var caller in callers)
            {
                foreach (var request in Requests(method, template, caseId))
                {
                    sent++;
                    var failure = await SendAsync(caller, request, cancellationToken);
                    if (failure is not null)
                    {
                        failures.Add($"{request.Method} {template} ({request.What}): {failure}");
                    }
                }
            }
        }

        Log.Info($"  {sent} bad requests sent");
        checks.That(sent > 1000, $"the corpus is not empty ({sent} requests)");
        foreach (var failure in failures.Take(20))
        {
            checks.That(false, failure);
        }

        checks.That(failures.Count == 0, $"{failures.Count} of {sent} answers broke the rules");
        using var health = await anonymous.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
        checks.That(health.StatusCode == HttpStatusCode.OK, "the API is still up");
    }

    private static async Task<List<(HttpMethod Method, string Template)>> RoutesAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), cancellationToken));
        var routes = new List<(HttpMethod, string)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "get" or "post" or "put" or "delete" or "patch")
                {
                    routes.Add((new HttpMethod(operation.Name.ToUpperInvariant()), path.Name.TrimStart('/')));
                }
            }
        }

        return routes;
    }

    private sealed record BadRequest(HttpMethod Method, string Path, string What, string? Body, string? ContentType);

    private static IEnumerable<BadRequest> Requests(HttpMethod method, string template, string caseId)
    {
        var hasId = template.Contains('{', StringComparison.Ordinal);
        var real = Fill(template, caseId);
        if (hasId)
        {
            foreach (var id in BadIds)
            {
                yield return new(method, Fill(template, id), "bad id", method == HttpMethod.Get ? null : "{}", method == HttpMethod.Get ? null : "application/json");
            }
        }

        foreach (var query in BadQueries)
        {
            yield return new(method, real + query, "bad query", null, null);
        }

        if (method != HttpMethod.Get)
        {
            foreach (var (name, body, contentType) in BadBodies)
            {
                yield return new(method, real, name, body, contentType);
            }
        }
    }

    private static string Fill(string template, string id)
    {
        var text = new StringBuilder();
        var inside = false;
        foreach (var c in template)
        {
            if (c == '{')
            {
                inside = true;
                text.Append(id);
            }
            else if (c == '}')
            {
                inside = false;
            }
            else if (!inside)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>Null when the answer keeps the rules; otherwise what was wrong.</summary>
    private static async Task<string?> SendAsync(HttpClient caller, BadRequest bad, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(bad.Method, new Uri(bad.Path, UriKind.Relative));
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(bad.Body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(bad.ContentType!);
        }

        try
        {
            using var response = await caller.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return $"{status}: {body[..Math.Min(body.Length, 200)]}";
            }

            if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
            {
                return $"{status} with a stack trace or exception name in the body";
            }

            // Kestrel refuses a request target with an encoded NUL (%00) while parsing the request line, before any
            // application code runs, with a bare 400: nothing the vault can shape, and nothing leaks from it.
            if (status == 400 && bad.Path.Contains("%00", StringComparison.Ordinal) && body.Length == 0)
            {
                return null;
            }

            return status >= 400 && !Vault.IsProblem(response)
                ? $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not application/problem+json"
                : null;
        }
        catch (HttpRequestException ex)
        {
            return $"connection failed: {ex.Message}";
        }
    }
}
