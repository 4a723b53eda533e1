namespace RecordsVault.Core.Cases;

/// <summary>What a provider states when it opens a case; validated at the edge.</summary>
public sealed record NewCase(
    string CaseNumber,
    string State,
    DateOnly ReleaseDate,
    DateOnly ChildDateOfBirth,
    PrsType PrsType,
    int PrsLevel);
