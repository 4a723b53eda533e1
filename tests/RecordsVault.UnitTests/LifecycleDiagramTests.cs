using RecordsVault.Tests;
using RecordsVault.Core.Lifecycle;

namespace RecordsVault.UnitTests;

/// <summary>docs/lifecycle.md must show the machine as it is.</summary>
public class LifecycleDiagramTests
{
    [Fact]
    public void Lifecycle_doc_holds_the_diagram_generated_from_the_machine()
    {
        var doc = Path.Combine(RepositoryRoot.Path, "docs", "lifecycle.md");
        var expected = "```mermaid\n" + CaseLifecycleMachine.Diagram().ReplaceLineEndings("\n").Trim() + "\n```";
        if (Environment.GetEnvironmentVariable("VAULT_WRITE_DOCS") == "1")
        {
            var text = File.ReadAllText(doc);
            var start = text.IndexOf("```mermaid", StringComparison.Ordinal);
            var end = text.IndexOf("```", start + 10, StringComparison.Ordinal) + 3;
            File.WriteAllText(doc, text[..start] + expected + text[end..]);
        }

        Assert.True(
            File.ReadAllText(doc).ReplaceLineEndings("\n").Contains(expected, StringComparison.Ordinal),
            $"docs/lifecycle.md disagrees with the machine. Regenerate it with: VAULT_WRITE_DOCS=1 dotnet test tests/RecordsVault.UnitTests --filter LifecycleDiagram\nExpected block:\n{expected}");
    }
}
