using System.Text.RegularExpressions;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;

namespace RecordsVault.Api.Endpoints;

/// <summary>Checks a <see cref="CreateCaseRequest"/> field by field and turns it into a <see cref="NewCase"/>.</summary>
public static partial class CaseValidation
{
    public static NewCase ToNewCase(this CreateCaseRequest request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.CaseNumber is null || !CaseNumberPattern().IsMatch(request.CaseNumber))
        {
            errors["caseNumber"] = ["A case number of 1 to 64 letters, digits, '-', '_' or '.' is required."];
        }

        if (!UsStates.IsValid(request.State))
        {
            errors["state"] = ["A two-letter US state or territory code in capitals is required, e.g. 'TX'."];
        }

        if (request.ChildDateOfBirth is not { } born)
        {
            errors["childDateOfBirth"] = ["The child's date of birth is required."];
        }
        else if (born > today)
        {
            errors["childDateOfBirth"] = ["The date of birth cannot be in the future."];
        }

        if (request.ReleaseDate is not { } released)
        {
            errors["releaseDate"] = ["The release date is required."];
        }
        else if (released > today)
        {
            errors["releaseDate"] = ["The release date cannot be in the future."];
        }
        else if (request.ChildDateOfBirth is { } dob && released < dob)
        {
            errors["releaseDate"] = ["The release date cannot be before the child's date of birth."];
        }

        if (request.PrsType is null)
        {
            errors["prsType"] = ["One of Tvpra, HomeStudy or Discretionary is required."];
        }

        if (request.PrsLevel is not (1 or 2))
        {
            errors["prsLevel"] = ["The PRS level must be 1 or 2."];
        }

        return errors.Count > 0
            ? throw new ValidationException(errors)
            : new NewCase(request.CaseNumber!, request.State!, request.ReleaseDate!.Value, request.ChildDateOfBirth!.Value,
                request.PrsType!.Value, request.PrsLevel!.Value);
    }

    public static CaseLifecycle? ParseLifecycle(string? value) =>
        string.IsNullOrEmpty(value) ? null
        : Enum.TryParse<CaseLifecycle>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value[0]) ? parsed
        : throw new ValidationException("lifecycle", $"One of {string.Join(", ", Enum.GetNames<CaseLifecycle>())}.");

    /// <summary>A case number, or the start of one, to search for; null when blank.</summary>
    public static string? ParseCaseNumberPrefix(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : CaseNumberPattern().IsMatch(value.Trim()) ? value.Trim()
        : throw new ValidationException("caseNumber", "Letters, digits, '.', '_' and '-', starting with a letter or digit, up to 64.");

    /// <summary>A state to filter by (its two-letter code); null when blank.</summary>
    public static string? ParseStateFilter(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : UsStates.IsValid(value.Trim().ToUpperInvariant()) ? value.Trim().ToUpperInvariant()
        : throw new ValidationException("state", "A two-letter US state or territory code, such as TX.");

    /// <summary>The keyset cursor of a case listing: a previous page's <c>next</c>, which is a case id.</summary>
    public static string? ParseCursor(string? before, int? page) =>
        before is null ? null
        : page is not null ? throw new ValidationException("page", "Ask for a page by number or by cursor (before), not both.")
        : Guid.TryParseExact(before, "D", out var id) ? id.ToString()
        : throw new ValidationException("before", "The cursor is a previous page's next: a case id.");

    public static (int Page, int PageSize) ParsePaging(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }

        if (pageSize is < 1 or > 200)
        {
            errors["pageSize"] = ["The page size must be between 1 and 200."];
        }

        // Beyond this the offset would overflow: no listing has that many items.
        if (errors.Count == 0 && ((long)(page ?? 1) - 1) * (pageSize ?? 50) > int.MaxValue)
        {
            errors["page"] = ["The page is past the end of any listing."];
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : (page ?? 1, pageSize ?? 50);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex CaseNumberPattern();
}
