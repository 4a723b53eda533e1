using System.Text.Json;
using RecordsVault.Core.Signing;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>Signs receipts and export indexes with the audit-signing key, as <see cref="SignedDocument"/>s anyone can check with the published key.</summary>
public sealed class VaultSigner(IKeyProvider keys)
{
    public Task<SignedDocument> SignAsync<T>(T document, CancellationToken cancellationToken) =>
        SignedDocument.SignAsync(
            JsonSerializer.SerializeToUtf8Bytes(document, JsonSerializerOptions.Web),
            async input =>
            {
                var signature = await keys.SignAsync(input, cancellationToken);
                return (signature.KeyId, signature.Value);
            });

    public Task<IReadOnlyList<SigningPublicKey>> PublicKeysAsync(CancellationToken cancellationToken) => keys.SigningPublicKeysAsync(cancellationToken);
}
