using RecordsVault.Core.Cases;

namespace RecordsVault.Api.Endpoints;

/// <summary>The body of <c>POST /cases</c>. Every field is nullable so that a missing one is reported by name.</summary>
public sealed record CreateCaseRequest(
    string? CaseNumber,
    string? State,
    DateOnly? ReleaseDate,
    DateOnly? ChildDateOfBirth,
    PrsType? PrsType,
    int? PrsLevel);

/// <summary>A case as the API shows it.</summary>
public sealed record CaseResponse(
    string Id,
    string OrganizationId,
    string CaseNumber,
    string State,
    DateOnly ReleaseDate,
    DateOnly ChildDateOfBirth,
    PrsType PrsType,
    int PrsLevel,
    CaseLifecycle Lifecycle,
    DateOnly? ServicePeriodEnd,
    DateOnly? RetainUntil,
    IReadOnlyList<string> ActiveHolds,
    DateTime CreatedAt)
{
    public static CaseResponse From(Case c) => new(
        c.Id, c.OrganizationId, c.CaseNumber, c.State, c.ReleaseDate, c.ChildDateOfBirth, c.PrsType, c.PrsLevel,
        c.Lifecycle, c.ServicePeriodEnd, c.RetainUntil, [], c.CreatedAt);
}

/// <summary>One page of a listing.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
