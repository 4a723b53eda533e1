using System.Net;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Keys.KeyVault;
using RecordsVault.Infrastructure.Keys.Rotation;
using RecordsVault.IntegrationTests.KeyVault;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyRotation;

/// <summary>Rotation with the KEK in Key Vault (the protocol-level test server): by policy, by <c>keys rotate</c>, and retirement.</summary>
public sealed class KeyVaultRotationTests
{
    [Fact]
    public async Task A_policy_rotation_is_picked_up_keys_rotate_rewraps_everything_and_a_retired_version_is_disabled_and_unwraps_nothing()
    {
        await using var api = await KeyVaultApi.StartAsync(new Dictionary<string, string>(RotationVault.NoGrace)
        {
            ["Vault:Keys:KekRefreshInterval"] = "00:00:01",
        });
        var vault = new RotationVault(api.Factory); // api disposes the factory
        var first = await vault.CaseAsync();
        var disclosure = await vault.DisclosureAsync(first.CaseId);
        var packet = await vault.PacketAsync(disclosure);
        var v1 = api.Server.CurrentKid(KeyVaultTestServer.Kek);
        var (firstKek, firstWrapped) = await vault.CaseKeyAsync(first.CaseId);
        Assert.Equal(v1, firstKek);

        // Key Vault rotates the key by its policy: the vault wraps new keys under the new version within the refresh interval.
        var v2 = (await api.Factory.Services.GetRequiredService<KeyVaultKeyClient>().RotateKeyAsync(KeyVaultTestServer.Kek, CancellationToken.None)).Id.ToString();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = await vault.CaseAsync();
        Assert.Equal(v2, (await vault.CaseKeyAsync(second.CaseId)).KekId);

        var (old, v3, rewrap) = await vault.RotateAsync();
        Assert.Equal(v2, old);
        Assert.Equal(api.Server.CurrentKid(KeyVaultTestServer.Kek), v3);
        Assert.Equal(new RewrapResult(v3, Rewrapped: 3, ChangedMeanwhile: 0, Failed: 0, Remaining: 0), rewrap);

        Assert.Null(await vault.Rotation.RetireAsync(RotationVault.Actor, v1, CancellationToken.None));
        Assert.Null(await vault.Rotation.RetireAsync(RotationVault.Actor, v2, CancellationToken.None));
        var status = await vault.Rotation.StatusAsync(CancellationToken.None);
        Assert.Equal((false, false), (status.Single(v => v.Id == v1).Current, status.Single(v => v.Id == v1).Enabled));
        Assert.Equal((false, false), (status.Single(v => v.Id == v2).Current, status.Single(v => v.Id == v2).Enabled));
        var current = Assert.Single(status, v => v.Current);
        Assert.Equal((v3, true, 2L, 1L), (current.Id, current.Enabled, current.CaseKeys, current.Packets));

        // A rotate retried by the client after a timeout on a loaded machine makes one more version; it wraps nothing.
        Assert.All(status.Where(v => v.Id != current.Id), v => Assert.Equal((0L, 0L), (v.CaseKeys, v.Packets)));

        Assert.Equal(first.Content, await vault.Cw.GetByteArrayAsync($"/records/{first.RecordId}/content"));
        Assert.Equal(second.Content, await vault.Cw.GetByteArrayAsync($"/records/{second.RecordId}/content"));
        Assert.Equal(packet, await vault.PacketAsync(disclosure));

        // The first case key as a backup holds it: Key Vault refuses to unwrap under the disabled version.
        var refused = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            api.Factory.Services.GetRequiredService<IKeyProvider>().UnwrapKeyAsync(v1, firstWrapped!, CancellationToken.None));
        Assert.Equal(403, Assert.IsType<RequestFailedException>(refused.InnerException).Status);
        Assert.Equal(HttpStatusCode.OK, await api.ReadinessAsync());
    }
}
