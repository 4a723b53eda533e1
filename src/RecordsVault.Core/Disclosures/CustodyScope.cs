using System.Globalization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Audit;

namespace RecordsVault.Core.Disclosures;

/// <summary>A case in a packet, as its custody page names it.</summary>
public sealed record CustodyCase(string Id, string CaseNumber, string OrganizationId);

/// <summary>
/// Which audit events a packet's custody page lists, and how it words them. An event is listed when it
/// names a record in the packet, or names a case in the packet and no record left out of it (a release
/// carries some of a case's records; a disclosure carries whole cases, so every event on them counts).
/// A line names only the packet's own cases and records, never another case the same event touched
/// (an ORR hold over several providers' cases, say). It names the actor when the actor is ORR or belongs
/// to the organization owning a packet case the event concerns; anyone else, such as another provider's
/// user refused with 404, appears as "a user of another organization", without name or organization.
/// </summary>
public sealed class CustodyScope(IReadOnlyList<CustodyCase> cases, IReadOnlyDictionary<string, string> recordCases, bool wholeCases)
{
    private readonly Dictionary<string, CustodyCase> byId = cases.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public IReadOnlyList<CustodyCase> Cases => cases;

    /// <summary>The packet's record ids, each with the id of its case.</summary>
    public IReadOnlyDictionary<string, string> RecordCases => recordCases;

    /// <summary>True when the packet carries whole cases, so events about any of their records belong to it.</summary>
    public bool WholeCases => wholeCases;

    /// <summary>The custody line for <paramref name="e"/>, or null when the event is not about this packet.</summary>
    public string? Line(AuditEvent e)
    {
        var record = e.RecordId.Length > 0 && recordCases.TryGetValue(e.RecordId, out var recordCase) ? recordCase : null;
        var named = e.CaseIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(byId.ContainsKey).ToList();
        if (record is null && (named.Count == 0 || !wholeCases && e.RecordId.Length > 0))
        {
            return null;
        }

        var concerned = named.Append(record).OfType<string>().Distinct(StringComparer.Ordinal).Select(id => byId[id]).ToList();
        var subjects = concerned.Select(c => $"case {c.CaseNumber}").ToList();
        if (record is not null)
        {
            subjects.Add($"record {e.RecordId}");
        }

        var actor = e.ActorOrg.Length > 0 && (e.ActorOrg == Organizations.Orr || concerned.Any(c => c.OrganizationId == e.ActorOrg))
            ? $"{e.ActorSub} ({e.ActorOrg})"
            : "a user of another organization";
        var at = e.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return $"{at} UTC  #{e.Sequence} {e.Action} on {string.Join(", ", subjects)} by {actor}: {e.Outcome}";
    }
}
