using RecordsVault.Core.Cases;

namespace RecordsVault.Infrastructure.Cases;

/// <summary>
/// What a case listing selects within the caller's reach: a lifecycle, case numbers starting with
/// <see cref="CaseNumber"/>, held or not held (an active hold), retention ending before <see cref="RetainUntilBefore"/>,
/// and a state (two letters).
/// </summary>
public sealed record CaseFilter(
    CaseLifecycle? Lifecycle = null, string? CaseNumber = null, bool? Held = null, DateOnly? RetainUntilBefore = null, string? State = null);

/// <summary>A page of cases, newest first, and the cursor of the next page (the last id here), if one follows.</summary>
public sealed record CasePage(IReadOnlyList<Case> Items, string? Next);
