using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>Uploads: derived ownership, type checks (415), the size limit (413), field validation and field order (400).</summary>
public sealed class RecordUploadTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private HttpClient Caseworker => fixture.Client("Vault.Caseworker", "prov-a");

    [Theory]
    [InlineData("2025-01-14", "OrrOwned")]
    [InlineData("2025-01-15", "Grantee")]
    [InlineData("2025-06-01", "Grantee")]
    public async Task Ownership_is_derived_from_developedAt_and_the_release_date(string developedAt, string expected)
    {
        var record = await ApiCalls.UploadAsync(Caseworker, fixture.CaseId, "x"u8.ToArray(), developedAt: developedAt);
        Assert.Equal(expected, record.GetProperty("ownership").GetString());
    }

    [Fact]
    public async Task Ownership_sent_by_the_caller_is_ignored()
    {
        using var form = ApiCalls.RecordForm("x"u8.ToArray(), developedAt: "2024-12-01");
        form.Add(new StringContent("Grantee"), "ownership");

        var record = await ApiCalls.ExpectJsonAsync(await Caseworker.PostAsync($"/cases/{fixture.CaseId}/records", form), HttpStatusCode.Created);

        Assert.Equal("OrrOwned", record.GetProperty("ownership").GetString());
    }

    [Fact]
    public async Task Upload_answers_201_with_digest_size_and_type()
    {
        var record = await ApiCalls.UploadAsync(Caseworker, fixture.CaseId, Png, "application/octet-stream", "scan.png");

        Assert.Equal("image/png", record.GetProperty("contentType").GetString());
        Assert.Equal(Png.Length, record.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Png)), record.GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData("text/html", "page.html", "<html></html>")]
    [InlineData("image/png", "fake.png", "%PDF-1.7 not a png")]
    [InlineData("application/pdf", "fake.pdf", "MZ executable")]
    [InlineData("application/json", "data.json", "not json")]
    [InlineData("application/octet-stream", "tool.exe", "MZ")]
    public async Task Upload_of_a_disallowed_or_mismatched_type_answers_415(string contentType, string fileName, string content)
    {
        using var form = ApiCalls.RecordForm(Encoding.UTF8.GetBytes(content), contentType, fileName);

        var response = await Caseworker.PostAsync($"/cases/{fixture.CaseId}/records", form);

        await ApiCalls.ExpectJsonAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Upload_that_is_not_multipart_answers_415()
    {
        var response = await Caseworker.PostAsync($"/cases/{fixture.CaseId}/records", new StringContent("{}", Encoding.UTF8, "application/json"));
        await ApiCalls.ExpectJsonAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("title", "", "title")]
    [InlineData("kind", "../etc", "kind")]
    [InlineData("developedAt", "yesterday", "developedAt")]
    [InlineData("developedAt", "2999-01-01", "developedAt")]
    public async Task Upload_with_a_bad_field_answers_400_and_stores_nothing(string field, string value, string errorField)
    {
        var before = await RecordCountAsync();
        var fields = new Dictionary<string, string> { ["title"] = "Note", ["kind"] = "note", ["developedAt"] = "2025-02-01", [field] = value };
        using var form = new MultipartFormDataContent();
        foreach (var (name, text) in fields)
        {
            form.Add(new StringContent(text), name);
        }

        var file = new ByteArrayContent("hello"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "n.txt");

        var problem = await ApiCalls.ExpectJsonAsync(await Caseworker.PostAsync($"/cases/{fixture.CaseId}/records", form), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(errorField, out _), problem.ToString());
        Assert.Equal(before, await RecordCountAsync());
    }

    [Fact]
    public async Task Upload_without_a_file_answers_400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("Note"), "title" }, { new StringContent("note"), "kind" }, { new StringContent("2025-02-01"), "developedAt" } };
        var problem = await ApiCalls.ExpectJsonAsync(await Caseworker.PostAsync($"/cases/{fixture.CaseId}/records", form), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("developedAt")]
    public async Task Upload_with_a_field_after_the_file_answers_400_saying_so_and_stores_nothing(string late)
    {
        var before = await RecordCountAsync();
        var blobsBefore = BlobCount();
        using var form = new MultipartFormDataContent();
        foreach (var (name, text) in new Dictionary<string, string> { ["title"] = "Note", ["kind"] = "note", ["developedAt"] = "2025-02-01" }.Where(f => f.Key != late))
        {
            form.Add(new StringContent(text), name);
        }

        var file = new ByteArrayContent("hello"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "n.txt");
        form.Add(new StringContent(late == "title" ? "Note" : "2025-02-01"), late);

        var problem = await ApiCalls.ExpectJsonAsync(await Caseworker.PostAsync($"/cases/{fixture.CaseId}/records", form), HttpStatusCode.BadRequest);

        var message = problem.GetProperty("errors").GetProperty(late)[0].GetString();
        Assert.Contains("before the file", message, StringComparison.Ordinal);
        Assert.Equal(before, await RecordCountAsync());
        Assert.Equal(blobsBefore, BlobCount());
    }

    [Fact]
    public async Task Upload_with_a_second_file_answers_400_and_stores_nothing()
    {
        var before = await RecordCountAsync();
        var blobsBefore = BlobCount();
        using var form = ApiCalls.RecordForm("first"u8.ToArray());
        var second = new ByteArrayContent("second"u8.ToArray());
        second.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(second, "file", "second.txt");

        var problem = await ApiCalls.ExpectJsonAsync(await Caseworker.PostAsync($"/cases/{fixture.CaseId}/records", form), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
        Assert.Equal(before, await RecordCountAsync());
        Assert.Equal(blobsBefore, BlobCount());
    }

    [Fact]
    public async Task Upload_over_the_limit_answers_413_and_stores_nothing()
    {
        await using var small = new VaultFactory(settings: new Dictionary<string, string> { ["Vault:Uploads:MaxBytes"] = "1024" });
        var client = small.ClientFor("prov-a", "alice", "Vault.Caseworker");
        var created = await ApiCalls.CreateCaseAsync(client);
        await ApiCalls.UploadAsync(client, created.Id(), Encoding.UTF8.GetBytes(new string('a', 1024)));

        using var form = ApiCalls.RecordForm(Encoding.UTF8.GetBytes(new string('a', 200_000)));
        var response = await client.PostAsync($"/cases/{created.Id()}/records", form);

        await ApiCalls.ExpectJsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
        var records = await ApiCalls.ExpectJsonAsync(await client.GetAsync($"/cases/{created.Id()}/records"), HttpStatusCode.OK);
        Assert.Equal(1, records.GetArrayLength());
        var container = new Azure.Storage.Blobs.BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(small.Container);
        Assert.Single(container.GetBlobs());
    }

    [Fact]
    public async Task Download_returns_the_original_bytes_type_and_digest()
    {
        var response = await Caseworker.GetAsync($"/records/{fixture.RecordId}/content");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ApiFixture.RecordContent, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ApiFixture.RecordContent.Length, response.Content.Headers.ContentLength);
    }

    /// <summary>Committed and uncommitted (staged) blobs of the fixture's container: anything an upload left behind.</summary>
    private int BlobCount() =>
        new Azure.Storage.Blobs.BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(fixture.Factory.Container)
            .GetBlobs(new Azure.Storage.Blobs.Models.GetBlobsOptions { States = Azure.Storage.Blobs.Models.BlobStates.Uncommitted }).Count();

    private async Task<int> RecordCountAsync() =>
        (await ApiCalls.ExpectJsonAsync(await Caseworker.GetAsync($"/cases/{fixture.CaseId}/records"), HttpStatusCode.OK)).GetArrayLength();
}
