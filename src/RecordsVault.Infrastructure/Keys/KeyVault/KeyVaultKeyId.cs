using System.Diagnostics.CodeAnalysis;

namespace RecordsVault.Infrastructure.Keys.KeyVault;

/// <summary>A key identifier, <c>https://{vault}/keys/{name}/{version}</c> (the version may be absent).</summary>
public sealed record KeyVaultKeyId(Uri VaultUri, string Name, string? Version)
{
    /// <summary>The full identifier, as Key Vault writes it in <c>kid</c>.</summary>
    public override string ToString() =>
        $"{VaultUri.GetLeftPart(UriPartial.Authority)}/keys/{Name}" + (Version is null ? string.Empty : "/" + Version);

    /// <summary>Parses a <c>kid</c>; false for anything that is not an https key identifier.</summary>
    public static bool TryParse(string? kid, [NotNullWhen(true)] out KeyVaultKeyId? id)
    {
        id = null;
        if (!Uri.TryCreate(kid, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length is < 2 or > 3 || segments[0] != "keys" || !segments.Skip(1).All(IsName))
        {
            return false;
        }

        id = new KeyVaultKeyId(new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"), segments[1], segments.Length == 3 ? segments[2] : null);
        return true;
    }

    /// <summary>True if this key lives in <paramref name="vaultUri"/> (same scheme, host and port).</summary>
    public bool IsIn(Uri vaultUri) =>
        Uri.Compare(VaultUri, vaultUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Key and version names: letters, digits and dashes, as Key Vault allows.</summary>
    public static bool IsName(string value) =>
        value.Length is > 0 and <= 127 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
