using System.Text.Json;

namespace RecordsVault.ApiTests;

/// <summary>
/// What a client generated from <c>/openapi/v1.json</c> relies on: how to authenticate, what each route can
/// refuse, what an error looks like, and how to send a record.
/// </summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentFixture document) : IClassFixture<OpenApiDocumentFixture>
{
    private IEnumerable<DocumentedOperation> NeedingToken => document.Operations.Where(o => o.NeedsToken);

    [Fact]
    public void Bearer_scheme_is_an_http_JWT_scheme()
    {
        var scheme = document.Root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");

        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
    }

    [Fact]
    public void Every_route_that_needs_a_token_requires_the_bearer_scheme_and_declares_401()
    {
        Assert.NotEmpty(NeedingToken);
        AssertNone("need a token but do not require the Bearer scheme", NeedingToken.Where(o => !RequiresBearer(o.Operation)));
        AssertNone("need a token but do not declare 401", NeedingToken.Where(o => !o.Declares("401")));
    }

    [Fact]
    public void Every_operation_has_an_operationId_and_a_summary()
    {
        AssertNone("have no operationId (.WithName)", document.Operations.Where(o => !HasText(o.Operation, "operationId")));
        AssertNone("have no summary (.WithSummary)", document.Operations.Where(o => !HasText(o.Operation, "summary")));
    }

    [Fact]
    public void Every_route_whose_policy_can_refuse_a_role_declares_403()
    {
        Assert.Contains(document.Operations, o => o.CanForbid);
        AssertNone("can refuse a signed-in caller's role but do not declare 403 (.ProducesProblem(403))",
            document.Operations.Where(o => o.CanForbid && !o.Declares("403")));
    }

    [Fact]
    public void Every_route_with_an_id_in_its_path_declares_404()
    {
        var withId = document.Operations.Where(o => o.Path.Contains('{', StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(withId);
        AssertNone("take an id but do not declare 404 (.ProducesProblem(404))", withId.Where(o => !o.Declares("404")));
    }

    [Fact]
    public void Every_error_response_is_problem_json_with_a_schema()
    {
        var wrong = new List<string>();
        foreach (var operation in document.Operations)
        {
            foreach (var response in operation.Operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var content = response.Value.TryGetProperty("content", out var c) ? c.EnumerateObject().ToList() : [];
                if (content is not [{ Name: "application/problem+json" } problem] || !problem.Value.TryGetProperty("schema", out _))
                {
                    wrong.Add($"{operation} {response.Name}");
                }
            }
        }

        Assert.True(wrong.Count == 0, "Error responses without an application/problem+json schema: " + string.Join(", ", wrong));
    }

    [Fact]
    public void Upload_takes_a_multipart_form_with_its_fields_before_the_file()
    {
        var upload = Assert.Single(document.Operations, o => o.Operation.TryGetProperty("operationId", out var id) && id.GetString() == "RecordUpload");
        var body = upload.Operation.GetProperty("requestBody");
        var form = body.GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var properties = form.GetProperty("properties");

        Assert.True(body.GetProperty("required").GetBoolean());
        Assert.Contains("before", body.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["title", "kind", "developedAt", "file"], properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["developedAt", "file", "kind", "title"], form.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal("date", properties.GetProperty("developedAt").GetProperty("format").GetString());
        Assert.Equal("binary", properties.GetProperty("file").GetProperty("format").GetString());
        Assert.Contains("application/pdf", body.GetProperty("content").GetProperty("multipart/form-data")
            .GetProperty("encoding").GetProperty("file").GetProperty("contentType").GetString(), StringComparison.Ordinal);
    }

    private static bool RequiresBearer(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
        && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _));

    private static bool HasText(JsonElement operation, string name) =>
        operation.TryGetProperty(name, out var value) && !string.IsNullOrWhiteSpace(value.GetString());

    private static void AssertNone(string what, IEnumerable<DocumentedOperation> operations)
    {
        var names = operations.Select(o => o.ToString()).ToList();
        Assert.True(names.Count == 0, $"{names.Count} operations {what}: {string.Join(", ", names)}");
    }
}
