using System.Net;
using System.Net.Http.Json;
using System.Text;
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
    public async Task List_cases_with_a_bad_query_answers_400(string url, string field)
    {
        var problem = await ApiCalls.ExpectJsonAsync(await Caseworker.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task List_cases_filters_by_lifecycle_and_pages()
    {
        var client = fixture.Client("Vault.Caseworker", "prov-paging");
        for (var i = 0; i < 3; i++)
        {
            await ApiCalls.CreateCaseAsync(client);
        }

        var page = await ApiCalls.ExpectJsonAsync(await client.GetAsync("/cases?lifecycle=Open&page=2&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        var none = await ApiCalls.ExpectJsonAsync(await client.GetAsync("/cases?lifecycle=Disposed"), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }
}
