using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>Disposal takes the personal data with it: titles die with the case key, and the tombstone drops the date of birth.</summary>
public sealed class DisposalForgetsPersonalDataTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Disposed_case_keeps_its_proof_but_no_title_or_date_of_birth(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var rm1 = factory.ClientFor("prov-a", "rm1", "Vault.RecordsManager");
        var rm2 = factory.ClientFor("prov-a", "rm2", "Vault.RecordsManager");
        var title = "Visit " + Guid.NewGuid().ToString("N");
        var caseId = (await ApiCalls.CreateCaseAsync(cw, releaseDate: "2015-01-15")).Id();
        using var form = ApiCalls.RecordForm("closure report"u8.ToArray(), title: title, kind: "case-closure", developedAt: "2015-06-01");
        var record = await ApiCalls.ExpectJsonAsync(await cw.PostAsync($"/cases/{caseId}/records", form), HttpStatusCode.Created);
        await ApiCalls.PostJsonAsync(cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2016-01-01", reason = "Services ended" }, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(rm1, "/retention/sweep", null, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);

        var disposed = await ApiCalls.PostJsonAsync(rm2, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, disposed.GetProperty("childDateOfBirth").ValueKind);
        var certified = disposed.GetProperty("disposition").GetProperty("records")[0];
        Assert.Equal(record.Id(), certified.GetProperty("recordId").GetString());
        Assert.Equal("case-closure", certified.GetProperty("kind").GetString());
        Assert.Equal(record.GetProperty("size").GetInt64(), certified.GetProperty("size").GetInt64());
        Assert.Equal(record.GetProperty("sha256").GetString(), certified.GetProperty("sha256").GetString());
        Assert.Equal("2015-06-01", certified.GetProperty("developedAt").GetString());
        Assert.Equal(record.GetProperty("uploadedAt").GetDateTime(), certified.GetProperty("uploadedAt").GetDateTime(), TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain(title, disposed.ToString(), StringComparison.Ordinal);
        Assert.False(certified.TryGetProperty("title", out _));

        // The record's metadata stays readable; its title does not.
        var read = await ApiCalls.ExpectJsonAsync(await cw.GetAsync($"/records/{record.Id()}"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("title").ValueKind);
        var listed = await ApiCalls.ExpectJsonAsync(await cw.GetAsync($"/cases/{caseId}/records"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("title").ValueKind);
        var retention = await ApiCalls.ExpectJsonAsync(await rm1.GetAsync($"/cases/{caseId}/retention"), HttpStatusCode.OK);
        Assert.Equal("Disposed", retention.Lifecycle());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        Assert.Null((await db.Cases.SingleAsync(c => c.Id == caseId)).ChildDateOfBirth);
        Assert.Null((await db.CaseKeys.SingleAsync(k => k.CaseId == caseId)).WrappedKey);
    }
}
