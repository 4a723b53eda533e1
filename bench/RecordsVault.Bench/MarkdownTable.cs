using System.Globalization;
using System.Text;

namespace RecordsVault.Bench;

internal static class MarkdownTable
{
    public static string Render(IEnumerable<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| # | what | value | unit | baseline | ratio | aim | met |");
        text.AppendLine("| --- | --- | ---: | --- | ---: | ---: | --- | --- |");
        foreach (var r in rows)
        {
            var value = r.Value is { } v ? Number(v) : $"*{r.Note ?? "not measured"}*";
            var met = r.Met switch { true => "yes", false => "**no**", null => "—" };
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Row} | {r.What} | {value} | {r.Unit} | {Optional(r.Baseline)} | {Optional(r.Ratio)} | {r.Aim ?? "—"} | {met} |");
        }

        return text.ToString();
    }

    private static string Optional(double? value) => value is { } v ? Number(v) : "—";

    private static string Number(double value) => value.ToString(value >= 1000 ? "#,0" : "0.###", CultureInfo.InvariantCulture);
}
