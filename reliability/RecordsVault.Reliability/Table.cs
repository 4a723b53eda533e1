using System.Globalization;
using System.Text;

namespace RecordsVault.Reliability;

internal static class Table
{
    public static string Render(IEnumerable<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | what was done | what was checked | result |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var r in results)
        {
            var result = r.Passed
                ? string.Create(CultureInfo.InvariantCulture, $"pass ({r.Checks} checks, {r.Seconds:0} s)")
                : $"**{r.Result}**: {string.Join("; ", r.Failures.Take(3))}";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Done} | {r.Checked} | {result.Replace("|", "/", StringComparison.Ordinal)} |");
        }

        return text.ToString();
    }
}
