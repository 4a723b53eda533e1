using RecordsVault.Tests;
using RecordsVault.Core.Access;

namespace RecordsVault.UnitTests;

/// <summary>docs/access.md must show the permission table as it is.</summary>
public class AccessDocTests
{
    private const string Start = "<!-- access-table -->";
    private const string End = "<!-- /access-table -->";

    [Fact]
    public void Access_doc_holds_the_table_generated_from_the_code()
    {
        var doc = Path.Combine(RepositoryRoot.Path, "docs", "access.md");
        var expected = Start + "\n" + AccessDoc.Table() + "\n" + End;
        if (Environment.GetEnvironmentVariable("VAULT_WRITE_DOCS") == "1")
        {
            var text = File.ReadAllText(doc).ReplaceLineEndings("\n");
            var start = text.IndexOf(Start, StringComparison.Ordinal);
            var end = text.IndexOf(End, StringComparison.Ordinal) + End.Length;
            File.WriteAllText(doc, text[..start] + expected + text[end..]);
        }

        Assert.True(
            File.ReadAllText(doc).ReplaceLineEndings("\n").Contains(expected, StringComparison.Ordinal),
            $"docs/access.md disagrees with the permission table. Regenerate it with: VAULT_WRITE_DOCS=1 dotnet test tests/RecordsVault.UnitTests --filter AccessDoc\nExpected:\n{expected}");
    }
}
