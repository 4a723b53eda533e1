using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>Bad input answers 400 with the offending field named.</summary>
public sealed class CaseValidationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Caseworker => fixture.Client("Vault.Caseworker", "prov-a");

    public static TheoryData<string, string> BadCases() => new()
    {
        { """{"state":"TX","releaseDate":"2025-01-15","childDateOfBirth":"2010-06-01","prsType":"Tvpra","prsLevel":1}""", "caseNumber" },
        { """{"caseNumber":"A-1","state":"Texas","releaseDate":"2025-01-15","childDateOfBirth":"2010-06-01","prsType":"Tvpra","prsLevel":1}""", "state" },
        { """{"caseNumber":"A-1","state":"XX","releaseDate":"2025-01-15","childDateOfBirth":"2010-06-01","prsType":"Tvpra","prsLevel":1}""", "state" },
        { """{"caseNumber":"A-1","state":"TX","releaseDate":"2025-01-15","childDateOfBirth":"2010-06-01","prsType":"Bogus","prsLevel":1}""", "prsType" },
        { """{"caseNumber":"A-1","state":"TX","releaseDate":"2025-01-15","childDateOfBirth":"2010-06-01","prsType":2,"prsLevel":1}""", "prsType" },
        { """{"caseNumber":"A-1","state":"TX","releaseDate":"2025-01-15","childDateOfBirth":"2010-06-01","prsType":"Tvpra","prsLevel":3}""", "prsLevel" },
        { """{"caseNumber":"A-1","state":"TX","releaseDate":"15/01/2025","childDateOfBirth":"2010-06-01","prsType":"Tvpra","prsLevel":1}""", "releaseDate" },
        { """{"caseNumber":"A-1","state":"TX","releaseDate":"2999-01-15","childDateOfBirth":"2010-06-01","prsType":"Tvpra","prsLevel":1}""", "releaseDate" },
        { """{"caseNumber":"A-1","state":"TX","releaseDate":"2009-01-15","childDateOfBirth":"2010-06-01","prsType":"Tvpra","prsLevel":1}""", "releaseDate" },
        { """{"caseNumber":"A-1","state":"TX","releaseDate":"2025-01-15","prsType":"Tvpra","prsLevel":1}""", "childDateOfBirth" },
        { """{"caseNumber":"<script>","state":"TX","releaseDate":"2025-01-15","childDateOfBirth":"2010-06-01","prsType":"Tvpra","prsLevel":1}""", "caseNumber" },
        { """{"caseNumber":"A-1",""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadCases))]
    public async Task Create_case_with_a_bad_field_answers_400_naming_it(string json, string field)
    {
        var response = await Caseworker.PostAsync("/cases", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ApiCalls.ExpectJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_case_answers_201_with_id_organization_and_Open_lifecycle()
    {
        var created = await ApiCalls.CreateCaseAsync(fixture.Client("Vault.RecordsManager", "prov-c"));

        Assert.Equal("prov-c", created.GetProperty("organizationId").GetString());
        Assert.Equal("Open", created.GetProperty("lifecycle").GetString());
        Assert.Equal("2025-01-15", created.GetProperty("releaseDate").GetString());
        Assert.Equal(0, created.GetProperty("activeHolds").GetArrayLength());
        Assert.EndsWith("Z", created.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_case_number_in_one_organization_answers_400()
    {
        await ApiCalls.CreateCaseAsync(Caseworker, "DUP-1");
        var again = await Caseworker.PostAsJsonAsync("/cases", new
        {
            caseNumber = "DUP-1", state = "TX", releaseDate = "2025-01-15", childDateOfBirth = "2010-06-01", prsType = "Tvpra", prsLevel = 1,
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Theory]
    [InlineData("/cases?lifecycle=Bogus", "lifecycle")]
    [InlineData("/cases?lifecycle=1", "lifecycle")]
    [InlineData("/cases?pageSize=1000", "pageSize")]
    [InlineData("/cases?page=0", "page")]
    [InlineData("/cases?page=abc", "page")]
    [InlineData("/cases?page=2147483647&pageSize=200", "page")]
    [InlineData("/cases?page=99999999999", "page")]
    [InlineData("/cases?before=not-a-case-id", "before")]
    [InlineData("/cases?before=0193a1b2-0000-7000-8000-000000000000&page=2", "page")]
    [InlineData("/cases?caseNumber=%27%20OR%201%3D1", "caseNumber")]
    [InlineData("/cases?held=maybe", "held")]
    [InlineData("/cases?state=Texas", "state")]
    [InlineData("/cases?retainUntilBefore=2025-13-40", "retainUntilBefore")]
    public async Task List_cases_with_a_bad_query_answers_400(string url, string field)
    {
        var problem = await ApiCalls.ExpectJsonAsync(await Caseworker.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task List_cases_filters_by_lifecycle_and_pages_by_number_and_by_cursor()
    {
        var client = fixture.Client("Vault.Caseworker", "prov-paging");
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await ApiCalls.CreateCaseAsync(client)).Id());
        }

        created.Reverse();
        var second = await ApiCalls.ExpectJsonAsync(await client.GetAsync("/cases?lifecycle=Open&page=2&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal([created[2]], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        var first = await ApiCalls.ExpectJsonAsync(await client.GetAsync("/cases?lifecycle=Open&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal(created[..2], Ids(first));
        var next = first.GetProperty("next").GetString();
        Assert.Equal(created[1], next);
        var following = await ApiCalls.ExpectJsonAsync(await client.GetAsync($"/cases?lifecycle=Open&pageSize=2&before={next}"), HttpStatusCode.OK);
        Assert.Equal([created[2]], Ids(following));
        Assert.Equal(JsonValueKind.Null, following.GetProperty("page").ValueKind);

        var none = await ApiCalls.ExpectJsonAsync(await client.GetAsync("/cases?lifecycle=Disposed"), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task List_cases_searches_by_case_number_and_filters_by_hold_and_retention_due()
    {
        var client = fixture.Client("Vault.Caseworker", "prov-search");
        var tag = "S" + Guid.NewGuid().ToString("N")[..8];
        var held = (await ApiCalls.CreateCaseAsync(client, $"{tag}-1")).Id();
        var closed = (await ApiCalls.CreateCaseAsync(client, $"{tag}-2")).Id();
        var other = (await ApiCalls.CreateCaseAsync(client, $"X{tag}-3")).Id();
        await ApiCalls.PostJsonAsync(fixture.Client("Vault.RecordsManager", "prov-search"), "/holds",
            new { matter = "Search", reason = "Test", caseIds = new[] { held } }, HttpStatusCode.Created);
        await ApiCalls.PostJsonAsync(client, $"/cases/{closed}/close", new { servicePeriodEnd = "2025-06-30", reason = "Completed" }, HttpStatusCode.OK);

        async Task<IReadOnlyList<string>> ListAsync(string query) =>
            Ids(await ApiCalls.ExpectJsonAsync(await client.GetAsync($"/cases?{query}"), HttpStatusCode.OK));

        Assert.Equal([closed, held], await ListAsync($"caseNumber={tag}"));
        Assert.Equal([held], await ListAsync($"caseNumber={tag}-1"));
        Assert.Equal([held], await ListAsync($"caseNumber={tag}&held=true"));
        Assert.Equal([closed], await ListAsync($"caseNumber={tag}&held=false"));
        Assert.Equal([other], await ListAsync($"caseNumber=X{tag}"));
        Assert.Equal([closed], await ListAsync($"caseNumber={tag}&retainUntilBefore=2200-01-01"));
        Assert.Empty(await ListAsync($"caseNumber={tag}&retainUntilBefore=2000-01-01"));
        Assert.Equal([closed, held], await ListAsync($"caseNumber={tag}&state=tx"));
        Assert.Empty(await ListAsync($"caseNumber={tag}&state=CA"));
        var stranger = fixture.Client("Vault.Caseworker", "prov-b");
        Assert.Empty(Ids(await ApiCalls.ExpectJsonAsync(await stranger.GetAsync($"/cases?caseNumber={tag}"), HttpStatusCode.OK)));
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
}
