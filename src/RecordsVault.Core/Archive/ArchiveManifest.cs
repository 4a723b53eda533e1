using System.Globalization;
using System.Text.RegularExpressions;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Records;
using RecordsVault.Core.Retention;

namespace RecordsVault.Core.Archive;

/// <summary>
/// A bulk-archive manifest (docs/archive.md): one CSV row per record, the case's fields repeated on each row.
/// The whole file is checked before anything is stored; every problem is reported with its line.
/// </summary>
public sealed partial class ArchiveManifest
{
    public static readonly string[] Columns =
    [
        "caseNumber", "state", "releaseDate", "childDateOfBirth", "prsType", "prsLevel",
        "servicePeriodEnd", "closureReason", "title", "kind", "developedAt", "file",
    ];

    /// <summary>Columns a manifest may leave out: the file's SHA-256 (checked when given) and the case's active holds.</summary>
    public static readonly string[] OptionalColumns = ["sha256", "holds"];

    /// <summary>A row with all of these empty states its case only: a case without records.</summary>
    private static readonly string[] RecordColumns = ["title", "kind", "developedAt", "file", "sha256"];

    private ArchiveManifest(IReadOnlyList<ArchiveEntry> entries, IReadOnlyList<ArchiveProblem> problems)
    {
        Entries = entries;
        Problems = problems;
    }

    public IReadOnlyList<ArchiveEntry> Entries { get; }

    /// <summary>Every problem found, in line order; nothing may be stored unless this is empty.</summary>
    public IReadOnlyList<ArchiveProblem> Problems { get; }

    public int RecordCount => Entries.Sum(e => e.Records.Count);

    /// <summary>
    /// Reads and checks a manifest. <paramref name="fileExists"/> answers for a path relative to the manifest,
    /// so the rules stay free of the file system.
    /// </summary>
    public static ArchiveManifest Read(TextReader reader, Func<string, bool> fileExists, DateOnly today)
    {
        var problems = new List<ArchiveProblem>();
        var rows = CsvRows.Read(reader).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Trim().Length == 0)).ToList();
        if (rows.Count == 0)
        {
            return new([], [new ArchiveProblem(1, $"The manifest is empty; its first line must name the columns: {string.Join(",", Columns)}.")]);
        }

        var header = rows[0].Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToList();
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return new([], [new ArchiveProblem(rows[0].Line, $"Missing columns: {string.Join(", ", missing)}.")]);
        }

        var index = Columns.Concat(OptionalColumns).ToDictionary(c => c, c => header.IndexOf(c));
        var cases = new Dictionary<string, (int Line, ArchiveCase Case, List<ArchiveRecord> Records)>(StringComparer.Ordinal);
        var files = new Dictionary<(string, string), int>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.Count != header.Count)
            {
                problems.Add(new(row.Line, $"Expected {header.Count} fields, found {row.Fields.Count}."));
                continue;
            }

            var before = problems.Count;
            string Field(string name) => index[name] < 0 ? string.Empty : row.Fields[index[name]].Trim();
            void Problem(string message) => problems.Add(new(row.Line, message));
            var parsedCase = ReadCase(Field, Problem, today);
            var caseOnly = RecordColumns.All(name => Field(name).Length == 0);
            var parsedRecord = caseOnly ? null : ReadRecord(Field, Problem, fileExists, today, row.Line);
            if (problems.Count > before || parsedCase is null || (parsedRecord is null && !caseOnly))
            {
                continue;
            }

            if (parsedRecord is not null && files.TryGetValue((parsedCase.CaseNumber, parsedRecord.File), out var firstLine))
            {
                Problem($"Duplicate row: case {parsedCase.CaseNumber} already lists {parsedRecord.File} on line {firstLine}.");
                continue;
            }

            if (cases.TryGetValue(parsedCase.CaseNumber, out var known))
            {
                if (known.Case != parsedCase)
                {
                    Problem($"Case {parsedCase.CaseNumber} is stated differently on line {known.Line}; its case fields must match on every row.");
                    continue;
                }
            }
            else
            {
                known = (row.Line, parsedCase, []);
                cases[parsedCase.CaseNumber] = known;
            }

            if (parsedRecord is not null)
            {
                files[(parsedCase.CaseNumber, parsedRecord.File)] = row.Line;
                known.Records.Add(parsedRecord);
            }
        }

        var entries = cases.Values.Select(c => new ArchiveEntry(c.Line, c.Case, c.Records)).ToList();
        return new(entries, problems);
    }

    /// <summary>The closed cases without holds whose retention has already run out: the next sweep makes them eligible for disposal.</summary>
    public IReadOnlyList<ArchiveEntry> PastRetention(RetentionPolicy policy, DateOnly today) =>
        Entries.Where(e => e.Case.ServicePeriodEnd is not null && e.Case.Holds.Items.Count == 0 && policy.Evaluate(e.Case.State, e.Case.ChildDateOfBirth, e.Case.ServicePeriodEnd).RetainUntil is { } until
            && until < today).ToList();

    private static ArchiveCase? ReadCase(Func<string, string> field, Action<string> problem, DateOnly today)
    {
        var number = field("caseNumber");
        if (!CaseNumberPattern().IsMatch(number))
        {
            problem("caseNumber: 1 to 64 letters, digits, '-', '_' or '.' are required.");
        }

        var state = field("state");
        if (!UsStates.IsValid(state))
        {
            problem($"state: '{state}' is not a two-letter US state or territory code in capitals.");
        }

        var born = Date(field, "childDateOfBirth", problem);
        var released = Date(field, "releaseDate", problem);
        var ended = field("servicePeriodEnd").Length == 0 ? null : Date(field, "servicePeriodEnd", problem);
        if (born > today)
        {
            problem("childDateOfBirth: the date cannot be in the future.");
        }

        if (released > today)
        {
            problem("releaseDate: the date cannot be in the future.");
        }
        else if (released is not null && born is not null && released < born)
        {
            problem("releaseDate: the release date cannot be before the child's date of birth.");
        }

        if (ended > today)
        {
            problem("servicePeriodEnd: the date cannot be in the future.");
        }
        else if (ended is not null && released is not null && ended < released)
        {
            problem($"servicePeriodEnd: {ended:yyyy-MM-dd} is before the release date {released:yyyy-MM-dd}.");
        }

        var typeText = field("prsType");
        var typeOk = Enum.TryParse<PrsType>(typeText, ignoreCase: true, out var type) && Enum.IsDefined(type) && !char.IsDigit(typeText.FirstOrDefault());
        if (!typeOk)
        {
            problem($"prsType: '{typeText}' is not one of {string.Join(", ", Enum.GetNames<PrsType>())}.");
        }

        var levelText = field("prsLevel");
        if (levelText is not ("1" or "2"))
        {
            problem($"prsLevel: '{levelText}' is not 1 or 2.");
        }

        var reason = field("closureReason");
        if (ended is null && field("servicePeriodEnd").Length == 0)
        {
            if (reason.Length > 0)
            {
                problem("closureReason: a case without a servicePeriodEnd stays open and takes no closure reason.");
            }
        }
        else if (reason.Length is 0 or > 500 || reason.Any(c => char.IsControl(c) && c != '\n'))
        {
            problem("closureReason: text of 1 to 500 characters is required for a closed case.");
        }

        var holds = ArchiveHolds.Parse(field("holds"), out var holdsProblem);
        if (holdsProblem is not null)
        {
            problem(holdsProblem);
        }

        var endOk = ended is not null || field("servicePeriodEnd").Length == 0;
        return born is { } b && released is { } r && endOk && typeOk && levelText is "1" or "2" && holds is not null
            ? new ArchiveCase(number, state, r, b, type, int.Parse(levelText, CultureInfo.InvariantCulture), ended, reason.Length == 0 ? null : reason, holds)
            : null;
    }

    private static ArchiveRecord? ReadRecord(Func<string, string> field, Action<string> problem, Func<string, bool> fileExists, DateOnly today, int line)
    {
        var title = field("title");
        if (title.Length is 0 or > 200 || title.Any(char.IsControl))
        {
            problem("title: 1 to 200 printable characters are required.");
        }

        var kind = field("kind");
        if (!KindPattern().IsMatch(kind))
        {
            problem($"kind: '{kind}' is not a kind of 1 to 64 letters, digits, spaces, '-' or '_'.");
        }

        var developed = Date(field, "developedAt", problem);
        if (developed > today.AddDays(1))
        {
            problem("developedAt: the date cannot be in the future.");
        }

        var file = field("file").Replace('\\', '/');
        string? contentType = null;
        if (!IsSafeRelativePath(file))
        {
            problem($"file: '{file}' must be a path relative to the manifest, without '..'.");
        }
        else if ((contentType = ContentTypes.Normalize(null, file)) is null)
        {
            problem($"file: '{file}' has an extension the vault does not accept ({string.Join(", ", ContentTypes.Allowed)}).");
        }
        else if (!fileExists(file))
        {
            problem($"file: '{file}' does not exist next to the manifest.");
        }

        var sha256 = field("sha256");
        if (sha256.Length > 0 && !Sha256Pattern().IsMatch(sha256))
        {
            problem($"sha256: '{sha256}' is not 64 lowercase hexadecimal digits.");
        }

        return developed is { } d && contentType is not null
            ? new ArchiveRecord(line, new NewRecord(title, kind, d), file, contentType, sha256.Length == 0 ? null : sha256)
            : null;
    }

    /// <summary>Relative, forward-slashed, no empty, '.' or '..' segments: a manifest cannot reach outside its folder.</summary>
    public static bool IsSafeRelativePath(string path) =>
        path.Length is > 0 and <= 1024
        && !path.StartsWith('/')
        && !path.Contains(':')
        && !path.Any(char.IsControl)
        && path.Split('/').All(s => s.Length > 0 && s != "." && s != "..");

    private static DateOnly? Date(Func<string, string> field, string name, Action<string> problem)
    {
        var text = field(name);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problem($"{name}: '{text}' is not a date in the form yyyy-MM-dd.");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex CaseNumberPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")]
    private static partial Regex KindPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
