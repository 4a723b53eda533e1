using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Keys.Rotation;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyRotation;

/// <summary>A vault (local keys unless <paramref name="factory"/> says otherwise) with the people rotation tests need, and its <see cref="KekRotation"/>.</summary>
internal sealed class RotationVault(VaultFactory factory) : IAsyncDisposable
{
    public const string Actor = "cli:test";

    /// <summary>Retirement is allowed at once: these tests rotate and retire within seconds.</summary>
    public static readonly Dictionary<string, string> NoGrace = new() { ["Vault:Keys:RetireGracePeriod"] = "00:00:00" };

    public RotationVault(string provider = "Sqlite")
        : this(new VaultFactory(provider, NoGrace))
    {
    }

    public VaultFactory Factory { get; } = factory;

    public KekRotation Rotation => Factory.Services.GetRequiredService<KekRotation>();

    public HttpClient Cw => Factory.ClientFor("prov-a", "cw", "Vault.Caseworker");

    public HttpClient Rm1 => Factory.ClientFor("prov-a", "rm1", "Vault.RecordsManager");

    public HttpClient Rm2 => Factory.ClientFor("prov-a", "rm2", "Vault.RecordsManager");

    public HttpClient Official => Factory.ClientFor("orr", "orr-official", "Vault.OrrOfficial");

    /// <summary>A case with one random text record; <paramref name="archived"/> makes it one whose retention ran out in 2019.</summary>
    public async Task<(string CaseId, string RecordId, byte[] Content)> CaseAsync(bool archived = false)
    {
        var caseId = (await ApiCalls.CreateCaseAsync(Cw, releaseDate: archived ? "2015-01-15" : "2025-01-15")).Id();
        var content = RandomNumberGenerator.GetBytes(200).Select(b => (byte)('a' + b % 26)).ToArray();
        var recordId = (await ApiCalls.UploadAsync(Cw, caseId, content, developedAt: archived ? "2015-06-01" : "2025-02-01")).Id();
        if (archived)
        {
            await ApiCalls.PostJsonAsync(Cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2016-01-01", reason = "Child turned 18" }, HttpStatusCode.OK);
        }

        return (caseId, recordId, content);
    }

    /// <summary>A disclosure of <paramref name="caseId"/>, whose packet is rendered and stored under its own wrapped key.</summary>
    public async Task<string> DisclosureAsync(string caseId) =>
        (await ApiCalls.PostJsonAsync(Official, "/disclosures", new { caseIds = new[] { caseId }, purpose = "Safety review" }, HttpStatusCode.Created)).Id();

    public async Task<byte[]> PacketAsync(string disclosureId)
    {
        var response = await Official.GetAsync($"/disclosures/{disclosureId}/packet");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The sweep makes archived cases eligible; a disposal is then requested for each of <paramref name="caseIds"/>.</summary>
    public async Task RequestDisposalAsync(params string[] caseIds)
    {
        await ApiCalls.PostJsonAsync(Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        foreach (var caseId in caseIds)
        {
            await ApiCalls.PostJsonAsync(Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);
        }
    }

    /// <summary>The second records manager approves: the case key is destroyed.</summary>
    public async Task ApproveDisposalAsync(string caseId) =>
        Assert.Equal("Disposed", (await ApiCalls.PostJsonAsync(Rm2, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.OK)).Lifecycle());

    public async Task<(string KekId, byte[]? Wrapped)> CaseKeyAsync(string caseId)
    {
        using var scope = Factory.Services.CreateScope();
        var key = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().CaseKeys.AsNoTracking().SingleAsync(k => k.CaseId == caseId);
        return (key.KekId, key.WrappedKey);
    }

    public async Task<KekVersionStatus> VersionAsync(string id) => (await Rotation.StatusAsync(CancellationToken.None)).Single(v => v.Id == id);

    /// <summary>A new version, then everything rewrapped under it; returns the old current version and the rewrap.</summary>
    public async Task<(string Old, string New, RewrapResult Rewrap)> RotateAsync(int batchSize = 100)
    {
        var old = (await Rotation.StatusAsync(CancellationToken.None)).Single(v => v.Current).Id;
        var created = await Rotation.RotateAsync(Actor, CancellationToken.None);
        var rewrap = await Rotation.RewrapAsync(Actor, batchSize, (_, _) => { }, CancellationToken.None);
        return (old, created, rewrap);
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
