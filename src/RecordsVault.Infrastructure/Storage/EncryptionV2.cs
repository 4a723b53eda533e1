using System.Buffers.Binary;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core.Cryptography;

namespace RecordsVault.Infrastructure.Storage;

/// <summary>
/// The storage SDK's client-side encryption v2 format, written and read by the vault itself so that it owns the
/// buffers (the SDK allocates a 4 MiB region buffer per transfer and, on upload, never returns it). Each 4 MiB region
/// of plaintext is stored as nonce, AES-256-GCM ciphertext and tag under a fresh content key, and the
/// <c>encryptiondata</c> metadata holds that key wrapped by the case key behind the protocol's 8-byte version prefix.
/// Blobs stay readable by the SDK, and blobs the SDK wrote stay readable here.
/// </summary>
internal static class EncryptionV2
{
    public const string MetadataKey = "encryptiondata";
    public const int RegionSize = 4 * 1024 * 1024;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int StoredRegionSize = NonceSize + RegionSize + TagSize;

    private const string Protocol = "2.0";
    private const string Algorithm = "AES_GCM_256";
    private const int ContentKeySize = 32;

    // The SDK wraps "2.0" padded with zeros to 8 bytes, then the key, so that a wrapped key names its protocol.
    private static readonly byte[] WrapPrefix = [.. Encoding.ASCII.GetBytes(Protocol), 0, 0, 0, 0, 0];

    private static readonly string Library =
        "RecordsVault/" + typeof(EncryptionV2).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>A fresh content key and the metadata that carries it wrapped by <paramref name="caseKey"/>.</summary>
    public static async Task<(byte[] ContentKey, Dictionary<string, string> Metadata)> NewContentKeyAsync(
        IKeyEncryptionKey caseKey, string wrapAlgorithm, CancellationToken cancellationToken)
    {
        var contentKey = RandomNumberGenerator.GetBytes(ContentKeySize);
        var prefixed = new byte[WrapPrefix.Length + ContentKeySize];
        try
        {
            WrapPrefix.CopyTo(prefixed, 0);
            contentKey.CopyTo(prefixed, WrapPrefix.Length);
            var wrapped = await caseKey.WrapKeyAsync(wrapAlgorithm, prefixed, cancellationToken);
            return (contentKey, new Dictionary<string, string> { [MetadataKey] = Serialize(caseKey.KeyId, wrapped, wrapAlgorithm) });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prefixed);
        }
    }

    /// <summary>
    /// The content key of a blob, unwrapped by <paramref name="caseKey"/>. Throws <see cref="CryptographicException"/>
    /// when the metadata is missing, describes another format, names another key, or does not unwrap.
    /// </summary>
    public static async Task<byte[]> OpenContentKeyAsync(
        IKeyEncryptionKey caseKey, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var json = metadata.FirstOrDefault(m => string.Equals(m.Key, MetadataKey, StringComparison.OrdinalIgnoreCase)).Value
            ?? throw new CryptographicException("The blob carries no encryption metadata.");
        var (keyId, wrapped, wrapAlgorithm) = Parse(json);
        if (keyId != caseKey.KeyId)
        {
            throw new CryptographicException("The blob was encrypted under a different key.");
        }

        var prefixed = await caseKey.UnwrapKeyAsync(wrapAlgorithm, wrapped, cancellationToken);
        try
        {
            if (prefixed.Length != WrapPrefix.Length + ContentKeySize || !prefixed.AsSpan(0, WrapPrefix.Length).SequenceEqual(WrapPrefix))
            {
                throw new CryptographicException("The blob's content key is not a version 2.0 key.");
            }

            return prefixed[WrapPrefix.Length..];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prefixed);
        }
    }

    /// <summary>The nonce of the region numbered from zero: four zero bytes, then the region's number plus one, little-endian, as the SDK writes it.</summary>
    public static void WriteNonce(Span<byte> nonce, long region)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(nonce[4..NonceSize], region + 1);
    }

    private static string Serialize(string keyId, byte[] wrapped, string wrapAlgorithm)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("EncryptionMode", "FullBlob");
            json.WriteStartObject("WrappedContentKey");
            json.WriteString("KeyId", keyId);
            json.WriteBase64String("EncryptedKey", wrapped);
            json.WriteString("Algorithm", wrapAlgorithm);
            json.WriteEndObject();
            json.WriteStartObject("EncryptionAgent");
            json.WriteString("Protocol", Protocol);
            json.WriteString("EncryptionAlgorithm", Algorithm);
            json.WriteEndObject();
            json.WriteStartObject("EncryptedRegionInfo");
            json.WriteNumber("DataLength", RegionSize);
            json.WriteNumber("NonceLength", NonceSize);
            json.WriteEndObject();
            json.WriteStartObject("KeyWrappingMetadata");
            json.WriteString("EncryptionLibrary", Library);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static (string KeyId, byte[] Wrapped, string WrapAlgorithm) Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var agent = root.GetProperty("EncryptionAgent");
            var regions = root.GetProperty("EncryptedRegionInfo");
            if (agent.GetProperty("Protocol").GetString() != Protocol
                || agent.GetProperty("EncryptionAlgorithm").GetString() != Algorithm
                || regions.GetProperty("DataLength").GetInt64() != RegionSize
                || regions.GetProperty("NonceLength").GetInt64() != NonceSize)
            {
                throw new CryptographicException("The blob is not in client-side encryption v2 with 4 MiB regions.");
            }

            var key = root.GetProperty("WrappedContentKey");
            return (
                key.GetProperty("KeyId").GetString() ?? throw new CryptographicException("The blob's key id is missing."),
                key.GetProperty("EncryptedKey").GetBytesFromBase64(),
                key.GetProperty("Algorithm").GetString() ?? throw new CryptographicException("The blob's key wrap algorithm is missing."));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CryptographicException("The blob's encryption metadata is malformed.", ex);
        }
    }
}
