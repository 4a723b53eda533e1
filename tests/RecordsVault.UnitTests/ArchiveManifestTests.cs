using RecordsVault.Core.Archive;
using RecordsVault.Core.Records;
using RecordsVault.Tests;

namespace RecordsVault.UnitTests;

public class ArchiveManifestTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static ArchiveManifest ReadSample(string folder)
    {
        var dir = Path.Combine(RepositoryRoot.Path, "samples", "archive", folder);
        using var reader = File.OpenText(Path.Combine(dir, "manifest.csv"));
        return ArchiveManifest.Read(reader, file => File.Exists(Path.Combine(dir, file)), Today);
    }

    [Fact]
    public void Sample_manifest_reads_as_three_closed_cases_with_five_records_and_no_problems()
    {
        var manifest = ReadSample("");

        Assert.Empty(manifest.Problems);
        Assert.Equal(["A-1001", "A-1002", "A-1003"], manifest.Entries.Select(e => e.Case.CaseNumber));
        Assert.Equal(5, manifest.RecordCount);
        var a1003 = manifest.Entries[2];
        Assert.Equal("Closed at family's request, moved out of state", a1003.Case.ClosureReason);
        Assert.Equal("Closure summary, final", a1003.Records[0].Record.Title);
    }

    [Fact]
    public void Records_developed_before_release_are_OrrOwned_as_for_single_uploads()
    {
        var a1001 = ReadSample("").Entries[0];

        Assert.Equal(Ownership.OrrOwned, a1001.Records[0].OwnershipIn(a1001.Case));
        Assert.Equal(Ownership.Grantee, a1001.Records[1].OwnershipIn(a1001.Case));
    }

    [Fact]
    public void Broken_manifest_reports_every_problem_with_its_line()
    {
        var problems = ReadSample("broken").Problems;

        Assert.Collection(
            problems,
            p => Assert.Equal((2, "file: '../files/A-1001/intake.txt' must be a path relative to the manifest, without '..'."), (p.Line, p.Message)),
            p => Assert.Equal((3, "releaseDate: '2021-13-10' is not a date in the form yyyy-MM-dd."), (p.Line, p.Message)),
            p => Assert.Equal((4, "servicePeriodEnd: 2020-03-10 is before the release date 2021-03-10."), (p.Line, p.Message)),
            p => Assert.Equal((5, "kind: 'no/such/kind!' is not a kind of 1 to 64 letters, digits, spaces, '-' or '_'."), (p.Line, p.Message)),
            p => Assert.Equal((6, "file: 'missing.txt' does not exist next to the manifest."), (p.Line, p.Message)),
            p => Assert.Equal((8, "Duplicate row: case B-5 already lists intake.txt on line 7."), (p.Line, p.Message)));
    }

    [Fact]
    public void Quoted_line_breaks_keep_later_line_numbers_true()
    {
        var text = string.Join('\n', string.Join(',', ArchiveManifest.Columns),
            "C-1,TX,2021-03-10,2008-06-01,Tvpra,1,2022-03-10,\"Closed\nafter two lines\",T,k,2021-03-01,a.txt",
            "C-2,TX,2021-03-10,2008-06-01,Tvpra,9,2022-03-10,Done,T,k,2021-03-01,a.txt");

        var manifest = ArchiveManifest.Read(new StringReader(text), _ => true, Today);

        var problem = Assert.Single(manifest.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Equal("Closed\nafter two lines", manifest.Entries[0].Case.ClosureReason);
    }

    [Fact]
    public void A_case_stated_differently_on_two_rows_is_a_problem()
    {
        var text = string.Join('\n', string.Join(',', ArchiveManifest.Columns),
            "C-1,TX,2021-03-10,2008-06-01,Tvpra,1,2022-03-10,Done,T,k,2021-03-01,a.txt",
            "C-1,CA,2021-03-10,2008-06-01,Tvpra,1,2022-03-10,Done,T,k,2021-03-01,b.txt");

        var problem = Assert.Single(ArchiveManifest.Read(new StringReader(text), _ => true, Today).Problems);

        Assert.Equal("line 3: Case C-1 is stated differently on line 2; its case fields must match on every row.", problem.ToString());
    }

    [Fact]
    public void A_header_without_the_file_column_is_refused_on_line_1()
    {
        var problem = Assert.Single(ArchiveManifest.Read(new StringReader("caseNumber,state\nX,TX"), _ => true, Today).Problems);

        Assert.Equal(1, problem.Line);
        Assert.StartsWith("Missing columns: releaseDate", problem.Message);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b.txt")]
    [InlineData("C:/x.txt")]
    [InlineData("a//b.txt")]
    [InlineData("./a.txt")]
    public void Paths_that_could_leave_the_manifest_folder_are_unsafe(string path) =>
        Assert.False(ArchiveManifest.IsSafeRelativePath(path));
}
