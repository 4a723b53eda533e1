using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecordsVault.Core.Signing;

/// <summary>
/// The vault's signing keys as a JSON Web Key Set (RFC 7517): what <c>./run.sh keys public</c> prints and
/// <c>./run.sh verify-export --keys</c> reads.
/// </summary>
public static class PublishedKeys
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(IEnumerable<SigningPublicKey> keys) => JsonSerializer.Serialize(
        new KeySet(keys.Select(k => new Jwk("RSA", k.KeyId, "sig", SignedDocument.Algorithm,
            SignedDocument.Base64Url(k.Modulus), SignedDocument.Base64Url(k.Exponent))).ToList()),
        Indented);

    /// <summary>The RSA keys of a key set; throws <see cref="FormatException"/> for anything else.</summary>
    public static IReadOnlyList<SigningPublicKey> Read(string json)
    {
        try
        {
            var set = JsonSerializer.Deserialize<KeySet>(json) ?? throw new FormatException("The key set is empty.");
            return set.Keys.Where(k => k.Kty == "RSA" && k.Kid is not null && k.N is not null && k.E is not null)
                .Select(k => new SigningPublicKey(k.Kid!, SignedDocument.FromBase64Url(k.N!), SignedDocument.FromBase64Url(k.E!)))
                .ToList();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a JSON Web Key Set: {ex.Message}", ex);
        }
    }

    private sealed record KeySet([property: JsonPropertyName("keys")] List<Jwk> Keys);

    private sealed record Jwk(
        [property: JsonPropertyName("kty")] string Kty,
        [property: JsonPropertyName("kid")] string? Kid,
        [property: JsonPropertyName("use")] string? Use,
        [property: JsonPropertyName("alg")] string? Alg,
        [property: JsonPropertyName("n")] string? N,
        [property: JsonPropertyName("e")] string? E);
}
