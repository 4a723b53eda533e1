using System.Security.Cryptography;
using System.Text;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Keys;

namespace RecordsVault.IntegrationTests;

/// <summary>Record titles under the case key: a fresh nonce each time, bound to their record, and tamper-evident.</summary>
public sealed class TitleCipherTests
{
    private readonly byte[] caseKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Sealed_title_is_nonce_ciphertext_and_tag_and_differs_each_time()
    {
        using var cipher = new TitleCipher((byte[])caseKey.Clone());

        var first = cipher.Seal("r1", "Home visit note");
        var second = cipher.Seal("r1", "Home visit note");

        Assert.Equal(12 + Encoding.UTF8.GetByteCount("Home visit note") + 16, first.Length);
        Assert.NotEqual(first, second);
        Assert.Equal(-1, first.AsSpan().IndexOf("Home visit"u8));
        Assert.Equal("Home visit note", cipher.Open("r1", second));
    }

    [Fact]
    public void Title_opens_only_for_its_own_record_and_case_key()
    {
        using var cipher = new TitleCipher((byte[])caseKey.Clone());
        using var otherCase = new TitleCipher(RandomNumberGenerator.GetBytes(32));
        var sealedTitle = cipher.Seal("r1", "Visita domiciliaria: niño");

        Assert.Equal("Visita domiciliaria: niño", cipher.Open("r1", sealedTitle));
        Assert.Throws<IntegrityException>(() => cipher.Open("r2", sealedTitle));
        Assert.Throws<IntegrityException>(() => otherCase.Open("r1", sealedTitle));
    }

    [Fact]
    public void Altered_or_truncated_title_fails_its_integrity_check()
    {
        using var cipher = new TitleCipher((byte[])caseKey.Clone());
        var sealedTitle = cipher.Seal("r1", "Case closure report");
        var flipped = (byte[])sealedTitle.Clone();
        flipped[14] ^= 0x01;

        Assert.Throws<IntegrityException>(() => cipher.Open("r1", flipped));
        Assert.Throws<IntegrityException>(() => cipher.Open("r1", sealedTitle[..20]));
    }

    [Fact]
    public void Title_key_is_derived_so_the_case_key_itself_does_not_open_a_title()
    {
        using var cipher = new TitleCipher((byte[])caseKey.Clone());
        var sealedTitle = cipher.Seal("r1", "Home study");
        using var raw = new AesGcm(caseKey, 16);
        var plaintext = new byte[sealedTitle.Length - 28];

        Assert.ThrowsAny<CryptographicException>(() =>
            raw.Decrypt(sealedTitle.AsSpan(0, 12), sealedTitle.AsSpan(12, plaintext.Length), sealedTitle.AsSpan(12 + plaintext.Length), plaintext, "r1"u8));
    }
}
