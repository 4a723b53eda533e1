using System.Text;

namespace RecordsVault.Core.Access;

/// <summary>The permission table as Markdown; docs/access.md holds it, and a test keeps the two in step.</summary>
public static class AccessDoc
{
    public static string Table()
    {
        var text = new StringBuilder();
        text.Append("| operation | acts on | what it does |");
        foreach (var role in Roles.All)
        {
            text.Append(' ').Append(role).Append(" |");
        }

        text.Append("\n|---|---|---|").Append(string.Concat(Enumerable.Repeat("---|", Roles.All.Count))).Append('\n');
        foreach (var row in PermissionTable.Rows)
        {
            text.Append("| `").Append(row.Operation).Append("` | ").Append(row.Resource).Append(" | ").Append(row.Summary).Append(" |");
            foreach (var role in Roles.All)
            {
                var reaches = row.Grants.Where(g => g.Role == role).Select(g => Describe(g.Reach)).ToList();
                text.Append(' ').Append(reaches.Count == 0 ? "—" : string.Join("; ", reaches)).Append(" |");
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    private static string Describe(Reach reach) => reach switch
    {
        Reach.OwnOrganization => "own org",
        Reach.EveryOrganization => "every org (with org=orr)",
        Reach.Requester => "as requester (with org=orr)",
        Reach.Designee => "as designee, until access ends",
        _ => throw new ArgumentOutOfRangeException(nameof(reach), reach, null),
    };
}
