using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Keys.Rotation;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyRotation;

/// <summary>Rotating the local KEK beside a running API: rewrap, resume, retirement and a disposal racing the rewrap.</summary>
public sealed class KekRotationTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rotation_rewraps_every_case_key_and_packet_and_everything_reads_back_identical_after_the_old_version_is_retired(string provider)
    {
        await using var vault = new RotationVault(provider);
        var first = await vault.CaseAsync();
        var second = await vault.CaseAsync();
        var disclosure = await vault.DisclosureAsync(first.CaseId);
        var packet = await vault.PacketAsync(disclosure);

        var (old, created, rewrap) = await vault.RotateAsync(batchSize: 1);

        Assert.NotEqual(old, created);
        Assert.Equal(new RewrapResult(created, Rewrapped: 3, ChangedMeanwhile: 0, Failed: 0, Remaining: 0), rewrap);
        Assert.Equal((0L, 0L), await WrapsAsync(vault, old));
        Assert.Equal((2L, 1L), await WrapsAsync(vault, created));
        Assert.Null(await vault.Rotation.RetireAsync(RotationVault.Actor, old, CancellationToken.None));
        Assert.DoesNotContain(await vault.Rotation.StatusAsync(CancellationToken.None), v => v.Id == old);

        Assert.Equal(first.Content, await vault.Cw.GetByteArrayAsync($"/records/{first.RecordId}/content"));
        Assert.Equal(second.Content, await vault.Cw.GetByteArrayAsync($"/records/{second.RecordId}/content"));
        Assert.Equal(packet, await vault.PacketAsync(disclosure));
        var newCase = await vault.CaseAsync(); // new keys go under the new version
        Assert.Equal(created, (await vault.CaseKeyAsync(newCase.CaseId)).KekId);
    }

    [Fact]
    public async Task An_interrupted_rewrap_resumes_where_it_stopped()
    {
        await using var vault = new RotationVault();
        var cases = new[] { await vault.CaseAsync(), await vault.CaseAsync(), await vault.CaseAsync() };
        var created = await vault.Rotation.RotateAsync(RotationVault.Actor, CancellationToken.None);

        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => vault.Rotation.RewrapAsync(
            RotationVault.Actor, 1, (done, _) => { if (done == 1) stop.Cancel(); }, stop.Token));
        Assert.Equal(1, (await vault.VersionAsync(created)).CaseKeys);

        var resumed = await vault.Rotation.RewrapAsync(RotationVault.Actor, 1, (_, _) => { }, CancellationToken.None);

        Assert.Equal(new RewrapResult(created, Rewrapped: 2, ChangedMeanwhile: 0, Failed: 0, Remaining: 0), resumed);
        foreach (var (_, recordId, content) in cases)
        {
            Assert.Equal(content, await vault.Cw.GetByteArrayAsync($"/records/{recordId}/content"));
        }
    }

    [Fact]
    public async Task Retire_refuses_the_current_version_a_version_that_still_wraps_keys_and_one_replaced_too_recently()
    {
        await using var vault = new RotationVault();
        var (caseId, recordId, content) = await vault.CaseAsync();
        var old = (await vault.CaseKeyAsync(caseId)).KekId;
        var created = await vault.Rotation.RotateAsync(RotationVault.Actor, CancellationToken.None); // not yet rewrapped

        Assert.Contains("still wraps 1 case keys", await vault.Rotation.RetireAsync(RotationVault.Actor, old, CancellationToken.None));
        Assert.Contains("is the current KEK version", await vault.Rotation.RetireAsync(RotationVault.Actor, created, CancellationToken.None));
        Assert.Contains("is not a KEK version", await vault.Rotation.RetireAsync(RotationVault.Actor, "local:../../etc", CancellationToken.None));
        await vault.Rotation.RewrapAsync(RotationVault.Actor, 10, (_, _) => { }, CancellationToken.None);

        // With the default grace period an instance that read the old version a moment ago may still wrap under it.
        var services = vault.Factory.Services;
        var careful = new KekRotation(
            services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IKeyProvider>(), services.GetRequiredService<IKeyVersions>(),
            Options.Create(new KeyOptions()), TimeProvider.System, NullLogger<KekRotation>.Instance);
        Assert.Contains("RetireGracePeriod", await careful.RetireAsync(RotationVault.Actor, old, CancellationToken.None));

        Assert.Equal(content, await vault.Cw.GetByteArrayAsync($"/records/{recordId}/content"));
        Assert.True((await vault.VersionAsync(old)).Enabled);
        using var scope = services.CreateScope();
        var retirements = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditEvents
            .Where(e => e.Action == "keys.retire").Select(e => new { e.Outcome, e.TargetId, e.ActorSub }).ToListAsync();
        Assert.Equal(4, retirements.Count);
        Assert.All(retirements, e => Assert.Equal((AuditOutcome.Denied, RotationVault.Actor), (e.Outcome, e.ActorSub)));
    }

    [Fact]
    public async Task A_disposal_during_the_rewrap_wins_and_its_key_stays_destroyed()
    {
        await using var vault = new RotationVault();
        var a = await vault.CaseAsync(archived: true);
        var b = await vault.CaseAsync(archived: true);
        await vault.RequestDisposalAsync(a.CaseId, b.CaseId);
        var victim = string.CompareOrdinal(a.CaseId, b.CaseId) > 0 ? a.CaseId : b.CaseId; // the later row of the one page
        var created = await vault.Rotation.RotateAsync(RotationVault.Actor, CancellationToken.None);

        // Both rows are read as one page; after the first is rewrapped, the second case's disposal is approved.
        var result = await vault.Rotation.RewrapAsync(RotationVault.Actor, 10, (done, _) =>
        {
            if (done == 1)
            {
                Task.Run(() => vault.ApproveDisposalAsync(victim)).GetAwaiter().GetResult();
            }
        }, CancellationToken.None);

        Assert.Equal(new RewrapResult(created, Rewrapped: 1, ChangedMeanwhile: 1, Failed: 0, Remaining: 0), result);
        Assert.Null((await vault.CaseKeyAsync(victim)).Wrapped);
        var survivor = victim == a.CaseId ? b : a;
        Assert.Equal(created, (await vault.CaseKeyAsync(survivor.CaseId)).KekId);
        Assert.Equal(survivor.Content, await vault.Cw.GetByteArrayAsync($"/records/{survivor.RecordId}/content"));
        Assert.Equal(HttpStatusCode.Gone, (await vault.Cw.GetAsync($"/records/{(victim == a.CaseId ? a : b).RecordId}/content")).StatusCode);
    }

    private static async Task<(long CaseKeys, long Packets)> WrapsAsync(RotationVault vault, string version)
    {
        var status = await vault.VersionAsync(version);
        return (status.CaseKeys, status.Packets);
    }
}
