using System.Text;
using RecordsVault.Core.Records;

namespace RecordsVault.UnitTests;

public class ContentTypesTests
{
    [Theory]
    [InlineData("application/pdf", "x.bin", ContentTypes.Pdf)]
    [InlineData("text/plain; charset=utf-8", null, ContentTypes.Text)]
    [InlineData("IMAGE/PNG", null, ContentTypes.Png)]
    [InlineData("image/jpg", null, ContentTypes.Jpeg)]
    [InlineData("application/octet-stream", "scan.TIFF", ContentTypes.Tiff)]
    [InlineData(null, "notes.json", ContentTypes.Json)]
    [InlineData("", "plan.docx", ContentTypes.Docx)]
    public void Normalize_allowed_declaration_returns_canonical_type(string? declared, string? fileName, string expected) =>
        Assert.Equal(expected, ContentTypes.Normalize(declared, fileName));

    [Theory]
    [InlineData("text/html", "page.html")]
    [InlineData("application/x-msdownload", "run.exe")]
    [InlineData("application/octet-stream", "archive.zip")]
    [InlineData(null, null)]
    public void Normalize_disallowed_declaration_returns_null(string? declared, string? fileName) =>
        Assert.Null(ContentTypes.Normalize(declared, fileName));

    [Theory]
    [InlineData(ContentTypes.Pdf, "%PDF-1.7\n")]
    [InlineData(ContentTypes.Tiff, "II*\0rest")]
    [InlineData(ContentTypes.Tiff, "MM\0*rest")]
    [InlineData(ContentTypes.Docx, "PK\u0003\u0004rest")]
    [InlineData(ContentTypes.Text, "Visita domiciliaria: el niño está bien.")]
    [InlineData(ContentTypes.Text, "")]
    [InlineData(ContentTypes.Json, "  \n{\"a\": 1}")]
    [InlineData(ContentTypes.Json, "[1,2]")]
    public void Matches_bytes_of_the_declared_type(string contentType, string head) =>
        Assert.True(ContentTypes.Matches(contentType, Encoding.UTF8.GetBytes(head), isWholeFile: true));

    [Theory]
    [InlineData(ContentTypes.Pdf, "MZ\u0090\0")]
    [InlineData(ContentTypes.Png, "%PDF-1.7")]
    [InlineData(ContentTypes.Jpeg, "GIF89a")]
    [InlineData(ContentTypes.Json, "hello")]
    [InlineData(ContentTypes.Text, "bin\0ary")]
    [InlineData(ContentTypes.Docx, "")]
    public void Matches_rejects_bytes_of_another_type(string contentType, string head) =>
        Assert.False(ContentTypes.Matches(contentType, Encoding.UTF8.GetBytes(head), isWholeFile: true));

    [Fact]
    public void Matches_png_signature() =>
        Assert.True(ContentTypes.Matches(ContentTypes.Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], isWholeFile: false));

    [Fact]
    public void Matches_text_cut_inside_a_multibyte_character_when_more_follows()
    {
        var bytes = Encoding.UTF8.GetBytes("niño");
        var cut = bytes.AsSpan(0, 3).ToArray(); // "ni" + the first byte of "ñ"
        Assert.True(ContentTypes.Matches(ContentTypes.Text, cut, isWholeFile: false));
        Assert.False(ContentTypes.Matches(ContentTypes.Text, cut, isWholeFile: true));
    }

    [Fact]
    public void Matches_rejects_invalid_utf8_text() =>
        Assert.False(ContentTypes.Matches(ContentTypes.Text, [0x61, 0xFF, 0x62], isWholeFile: true));
}
