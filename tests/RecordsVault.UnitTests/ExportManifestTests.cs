using System.Security.Cryptography;
using System.Text;
using RecordsVault.Core.Archive;
using RecordsVault.Core.Signing;

namespace RecordsVault.UnitTests;

/// <summary>The manifest's columns an export needs (SHA-256, holds, open cases, cases without records), and the signed document that vouches for it.</summary>
public class ExportManifestTests
{
    private const string Header = "caseNumber,state,releaseDate,childDateOfBirth,prsType,prsLevel,servicePeriodEnd,closureReason,title,kind,developedAt,file,sha256,holds\n";
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly string Digest = new('a', 64);

    private static ArchiveManifest Read(string rows) => ArchiveManifest.Read(new StringReader(Header + rows), _ => true, Today);

    [Fact]
    public void An_open_case_with_holds_a_digest_and_a_case_without_records_read_cleanly()
    {
        var manifest = Read(
            $"E-1,TX,2025-01-15,2010-06-01,Tvpra,1,,,Intake,intake,2025-01-20,files/a.txt,{Digest},\"[{{\"\"matter\"\":\"\"Doe v. X\"\",\"\"reason\"\":\"\"Subpoena\"\"}}]\"\n"
            + "E-2,CA,2024-01-15,2009-06-01,HomeStudy,2,2024-06-01,Services ended,,,,,,\n");

        Assert.Empty(manifest.Problems);
        var open = manifest.Entries[0];
        Assert.Null(open.Case.ServicePeriodEnd);
        Assert.Null(open.Case.ClosureReason);
        Assert.Equal([new ArchiveHold("Doe v. X", "Subpoena")], open.Case.Holds.Items);
        Assert.Equal(Digest, open.Records[0].Sha256);
        Assert.Empty(manifest.Entries[1].Records);
        Assert.Equal(1, manifest.RecordCount);
    }

    [Fact]
    public void Bad_holds_a_bad_digest_and_a_reason_without_an_end_are_problems_on_their_lines()
    {
        var manifest = Read(
            "E-1,TX,2025-01-15,2010-06-01,Tvpra,1,,Why,Intake,intake,2025-01-20,a.txt,,\n"
            + "E-2,TX,2025-01-15,2010-06-01,Tvpra,1,,,Intake,intake,2025-01-20,a.txt,ABC,\n"
            + "E-3,TX,2025-01-15,2010-06-01,Tvpra,1,,,Intake,intake,2025-01-20,a.txt,,not json\n"
            + "E-4,TX,2025-01-15,2010-06-01,Tvpra,1,,,Intake,intake,2025-01-20,a.txt,,\"[{\"\"matter\"\":\"\"\"\",\"\"reason\"\":\"\"x\"\"}]\"\n");

        Assert.Equal(
            [(2, "closureReason"), (3, "sha256"), (4, "holds"), (5, "holds")],
            manifest.Problems.Select(p => (p.Line, p.Message.Split(':')[0])));
    }

    [Fact]
    public void Rows_of_one_case_must_carry_the_same_holds()
    {
        var manifest = Read(
            "E-1,TX,2025-01-15,2010-06-01,Tvpra,1,,,Intake,intake,2025-01-20,a.txt,,\"[{\"\"matter\"\":\"\"M\"\",\"\"reason\"\":\"\"R\"\"}]\"\n"
            + "E-1,TX,2025-01-15,2010-06-01,Tvpra,1,,,Plan,plan,2025-01-20,b.txt,,\n");

        Assert.Contains(manifest.Problems, p => p.Line == 3 && p.Message.Contains("stated differently", StringComparison.Ordinal));
    }

    [Fact]
    public void Written_rows_read_back_as_written()
    {
        var holds = ArchiveHolds.Of([new ArchiveHold("Doe, \"Jr.\" v. X", "Line one, two")]);
        var row = CsvWriter.Row(["E-1", "TX", "2025-01-15", "2010-06-01", "Tvpra", "1", null, null, "A \"quoted\", title", "intake", "2025-01-20", "a.txt", Digest, holds.ToColumn()]);

        var manifest = Read(row);

        Assert.Empty(manifest.Problems);
        Assert.Equal("A \"quoted\", title", manifest.Entries[0].Records[0].Record.Title);
        Assert.Equal(holds, manifest.Entries[0].Case.Holds);
    }

    [Fact]
    public async Task A_signed_document_verifies_with_its_key_only_and_not_once_changed()
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        var key = new SigningPublicKey("k1", parameters.Modulus!, parameters.Exponent!);
        using var other = RSA.Create(2048);
        var otherParameters = other.ExportParameters(false);

        var signed = await SignedDocument.SignAsync(
            Encoding.UTF8.GetBytes("{\"rows\":5}"), input => Task.FromResult(("k1", rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pss))));
        var roundTripped = SignedDocument.Parse(signed.ToJson());

        Assert.True(roundTripped.Verify(PublishedKeys.Read(PublishedKeys.Write([key]))));
        Assert.Equal("{\"rows\":5}", Encoding.UTF8.GetString(roundTripped.PayloadBytes()));
        Assert.False(roundTripped.Verify([new SigningPublicKey("k1", otherParameters.Modulus!, otherParameters.Exponent!)]));
        Assert.False(roundTripped.Verify([key with { KeyId = "k2" }]));
        Assert.False((roundTripped with { Payload = SignedDocument.Base64Url("{\"rows\":6}"u8) }).Verify([key]));
        Assert.False((roundTripped with { Protected = SignedDocument.Base64Url("{\"alg\":\"none\"}"u8) }).Verify([key]));
    }
}
