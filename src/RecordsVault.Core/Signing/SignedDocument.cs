using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecordsVault.Core.Signing;

/// <summary>
/// A JSON document signed with the vault's signing key, as a JWS in the flattened JSON serialization (RFC 7515,
/// section 7.2.2) with PS256: any JOSE library, or <see cref="Verify"/>, checks it with the published public key.
/// The payload is the document's exact UTF-8 bytes, so nothing depends on how JSON is re-serialized.
/// </summary>
public sealed record SignedDocument(
    [property: JsonPropertyName("protected")] string Protected,
    [property: JsonPropertyName("header")] UnprotectedHeader Header,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("signature")] string Signature)
{
    public const string Algorithm = "PS256";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly string ProtectedHeader = Base64Url("""{"alg":"PS256"}"""u8);

    /// <summary>
    /// Signs <paramref name="payload"/>; <paramref name="sign"/> signs the JWS signing input with the current key
    /// version and names it. The key id goes in the unprotected header: the provider picks the version as it signs,
    /// and a wrong id cannot make a signature check.
    /// </summary>
    public static async Task<SignedDocument> SignAsync(ReadOnlyMemory<byte> payload, Func<byte[], Task<(string KeyId, byte[] Signature)>> sign)
    {
        var body = Base64Url(payload.Span);
        var (keyId, signature) = await sign(Encoding.ASCII.GetBytes($"{ProtectedHeader}.{body}"));
        return new SignedDocument(ProtectedHeader, new UnprotectedHeader(keyId), body, Base64Url(signature));
    }

    public static SignedDocument Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SignedDocument>(json) is { Protected: not null, Header.Kid: not null, Payload: not null, Signature: not null } document
                ? document
                : throw new FormatException("Not a signed document: protected, header.kid, payload and signature are required.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a signed document: {ex.Message}", ex);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    /// <summary>The signed payload's bytes; only meaningful once <see cref="Verify"/> has answered true.</summary>
    public byte[] PayloadBytes() => FromBase64Url(Payload);

    /// <summary>True when the header names PS256 and one of <paramref name="keys"/>, and that key's signature checks.</summary>
    public bool Verify(IEnumerable<SigningPublicKey> keys)
    {
        if (ReadAlgorithm() != Algorithm || keys.FirstOrDefault(k => k.KeyId == Header.Kid) is not { } key)
        {
            return false;
        }

        try
        {
            using var rsa = key.ToRsa();
            return rsa.VerifyData(
                Encoding.ASCII.GetBytes($"{Protected}.{Payload}"), FromBase64Url(Signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private string? ReadAlgorithm()
    {
        try
        {
            return JsonSerializer.Deserialize<ProtectedFields>(FromBase64Url(Protected))?.Alg;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    private sealed record ProtectedFields([property: JsonPropertyName("alg")] string? Alg);
}

/// <summary>The JWS's unprotected header: which key version signed.</summary>
public sealed record UnprotectedHeader([property: JsonPropertyName("kid")] string Kid);
