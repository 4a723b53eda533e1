using System.Security.Cryptography;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Keys.KeyVault;

namespace RecordsVault.IntegrationTests.KeyVault;

/// <summary>The thin Key Vault client and the provider on it, against the protocol-level test server.</summary>
public sealed class KeyVaultKeyClientTests : IAsyncLifetime
{
    private KeyVaultTestServer server = null!;
    private KeyVaultKeyClient client = null!;

    public async Task InitializeAsync()
    {
        server = await KeyVaultTestServer.StartAsync(KeyVaultApi.VaultHost);
        client = NewClient();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task First_request_goes_without_token_or_body_then_again_with_both_for_the_challenged_scope()
    {
        var kid = Kid(server.CurrentKid(KeyVaultTestServer.Kek));
        var key = RandomNumberGenerator.GetBytes(32);

        var wrapped = await client.WrapKeyAsync(kid, "RSA-OAEP-256", key, CancellationToken.None);

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.False(requests[0].Authorized);
        Assert.Null(requests[0].Value); // the key to wrap did not go out before the vault named itself
        Assert.True(requests[1].Authorized);
        Assert.NotNull(requests[1].Value);
        Assert.Equal(["https://vault.azure.net"], server.TokenResources);
        Assert.Equal(kid, wrapped.KeyId);

        // The challenge is remembered: the next call carries its token at once.
        await client.UnwrapKeyAsync(kid, "RSA-OAEP-256", wrapped.Value, CancellationToken.None);
        Assert.Equal(3, server.Requests.Count);
        Assert.True(server.Requests[2].Authorized);
    }

    [Fact]
    public async Task Challenge_naming_the_scope_instead_of_the_resource_is_followed()
    {
        server.ChallengeWithScope = true;

        var key = await client.GetKeyAsync(KeyVaultTestServer.Kek, null, CancellationToken.None);

        Assert.Equal(server.CurrentKid(KeyVaultTestServer.Kek), key.Id.ToString());
        Assert.Equal(["https://vault.azure.net"], server.TokenResources);
    }

    [Fact]
    public async Task Wrap_and_unwrap_use_RSA_OAEP_256_with_the_3072_bit_KEK()
    {
        var kid = Kid(server.CurrentKid(KeyVaultTestServer.Kek));
        var key = RandomNumberGenerator.GetBytes(32);

        var wrapped = await client.WrapKeyAsync(kid, "RSA-OAEP-256", key, CancellationToken.None);
        var unwrapped = await client.UnwrapKeyAsync(kid, "RSA-OAEP-256", wrapped.Value, CancellationToken.None);

        Assert.Equal(384, wrapped.Value.Length);
        Assert.Equal(key, unwrapped.Value);
        var bundle = await client.GetKeyAsync(kid.Name, kid.Version, CancellationToken.None);
        Assert.Equal("RSA-HSM", bundle.KeyType);
        Assert.Equal(["wrapKey", "unwrapKey"], bundle.KeyOperations);
        using var rsa = bundle.ToPublicRsa();
        Assert.Equal(3072, rsa.KeySize);
    }

    [Fact]
    public async Task PS256_signatures_verify_in_the_vault_and_with_the_public_key_and_a_changed_digest_does_not()
    {
        var kid = Kid(server.CurrentKid(KeyVaultTestServer.SigningKey));
        var digest = SHA256.HashData("recordsvault-audit-checkpoint-v1\n1\nabc"u8);

        var signature = await client.SignAsync(kid, "PS256", digest, CancellationToken.None);

        Assert.True(await client.VerifyAsync(kid, "PS256", digest, signature.Value, CancellationToken.None));
        var other = SHA256.HashData("something else"u8);
        Assert.False(await client.VerifyAsync(kid, "PS256", other, signature.Value, CancellationToken.None));
        using var rsa = (await client.GetKeyAsync(kid.Name, kid.Version, CancellationToken.None)).ToPublicRsa();
        Assert.True(rsa.VerifyHash(digest, signature.Value, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Fact]
    public async Task Rotation_makes_a_new_newest_version_and_the_old_one_still_unwraps()
    {
        var old = Kid(server.CurrentKid(KeyVaultTestServer.Kek));
        var wrapped = await client.WrapKeyAsync(old, "RSA-OAEP-256", new byte[32], CancellationToken.None);

        var rotated = await client.RotateKeyAsync(KeyVaultTestServer.Kek, CancellationToken.None);

        Assert.NotEqual(old, rotated.Id);
        Assert.Equal(rotated.Id, (await client.GetKeyAsync(KeyVaultTestServer.Kek, null, CancellationToken.None)).Id);
        Assert.Equal(new byte[32], (await client.UnwrapKeyAsync(old, "RSA-OAEP-256", wrapped.Value, CancellationToken.None)).Value);
        var versions = await ToListAsync(client.GetKeyVersionsAsync(KeyVaultTestServer.Kek, CancellationToken.None));
        Assert.Equal(new HashSet<KeyVaultKeyId> { old, rotated.Id }, versions.Select(v => v.Id).ToHashSet());
    }

    [Fact]
    public async Task A_disabled_version_refuses_to_unwrap_with_Key_Vaults_error_until_enabled_again()
    {
        var kid = Kid(server.CurrentKid(KeyVaultTestServer.Kek));
        var wrapped = await client.WrapKeyAsync(kid, "RSA-OAEP-256", new byte[32], CancellationToken.None);

        Assert.False((await client.SetEnabledAsync(kid.Name, kid.Version!, false, CancellationToken.None)).Enabled);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => client.UnwrapKeyAsync(kid, "RSA-OAEP-256", wrapped.Value, CancellationToken.None));

        Assert.Equal(403, refused.Status);
        Assert.Equal("Forbidden", refused.ErrorCode);
        Assert.False((await ToListAsync(client.GetKeyVersionsAsync(kid.Name, CancellationToken.None))).Single().Enabled);
        await client.SetEnabledAsync(kid.Name, kid.Version!, true, CancellationToken.None);
        Assert.Equal(new byte[32], (await client.UnwrapKeyAsync(kid, "RSA-OAEP-256", wrapped.Value, CancellationToken.None)).Value);
    }

    [Fact]
    public async Task Versions_are_listed_across_pages_by_following_nextLink()
    {
        for (var i = 0; i < 27; i++)
        {
            await client.CreateRsaKeyAsync("paged", 2048, hardwareProtected: false, ["sign", "verify"], CancellationToken.None);
        }

        var versions = await ToListAsync(client.GetKeyVersionsAsync("paged", CancellationToken.None));

        Assert.Equal(27, versions.Select(v => v.Id.Version).Distinct().Count());
        Assert.Contains(server.Requests, r => r.Operation == "versions" && r.Authorized);
        Assert.Equal(2, server.Requests.Count(r => r.Operation == "versions" && r.Authorized));
    }

    [Fact]
    public async Task Unknown_key_is_Key_Vaults_404_KeyNotFound()
    {
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetKeyAsync("no-such-key", null, CancellationToken.None));

        Assert.Equal(404, missing.Status);
        Assert.Equal("KeyNotFound", missing.ErrorCode);
    }

    [Fact]
    public void Client_refuses_an_http_vault()
    {
        var refused = Assert.Throws<ArgumentException>(() =>
            new KeyVaultKeyClient(new Uri("http://rv-test.vault.azure.net/"), server.CreateCredential(), new KeyVaultClientOptions()));

        Assert.Contains("https", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_never_sends_a_stored_kid_of_another_host_or_key_and_never_trusts_its_signature()
    {
        var provider = NewProvider();
        var foreign = $"https://evil.example/keys/{KeyVaultTestServer.Kek}/{Guid.NewGuid():N}";
        var signingKid = server.CurrentKid(KeyVaultTestServer.SigningKey);

        await Assert.ThrowsAsync<CryptographicException>(() => provider.UnwrapKeyAsync(foreign, new byte[384], CancellationToken.None));
        await Assert.ThrowsAsync<CryptographicException>(() => provider.UnwrapKeyAsync(signingKid, new byte[384], CancellationToken.None));
        Assert.Empty(server.Requests);

        var signature = await provider.SignAsync("checkpoint"u8.ToArray(), CancellationToken.None);
        Assert.Equal(signingKid, signature.KeyId);
        Assert.True(await provider.VerifyAsync(signature.KeyId, "checkpoint"u8.ToArray(), signature.Value, CancellationToken.None));
        Assert.False(await provider.VerifyAsync(signature.KeyId, "checkpoinT"u8.ToArray(), signature.Value, CancellationToken.None));
        Assert.False(await provider.VerifyAsync(signature.KeyId.Replace(KeyVaultApi.VaultHost, "evil.example", StringComparison.Ordinal),
            "checkpoint"u8.ToArray(), signature.Value, CancellationToken.None));
        Assert.False(await provider.VerifyAsync(server.CurrentKid(KeyVaultTestServer.Kek), "checkpoint"u8.ToArray(), signature.Value, CancellationToken.None));
    }

    [Fact]
    public async Task Provider_wraps_under_the_newest_KEK_version_and_names_it()
    {
        var provider = NewProvider();
        var key = RandomNumberGenerator.GetBytes(32);

        var wrapped = await provider.WrapKeyAsync(key, CancellationToken.None);

        Assert.Equal(server.CurrentKid(KeyVaultTestServer.Kek), wrapped.KeyId);
        Assert.Equal(key, await provider.UnwrapKeyAsync(wrapped.KeyId, wrapped.Value, CancellationToken.None));
    }

    private KeyVaultKeyClient NewClient(bool disableVerification = false) =>
        new(server.VaultUri, server.CreateCredential(), new KeyVaultClientOptions
        {
            Transport = server.CreateTransport(),
            DisableChallengeResourceVerification = disableVerification,
        });

    private static KeyVaultKeyId Kid(string kid) => KeyVaultKeyId.TryParse(kid, out var id) ? id : throw new FormatException(kid);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private KeyVaultKeyProvider NewProvider() =>
        new(client, Options.Create(new KeyOptions { Provider = KeyOptions.KeyVault, KeyVaultUri = client.VaultUri }),
            TimeProvider.System, NullLogger<KeyVaultKeyProvider>.Instance);
}
