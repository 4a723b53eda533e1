namespace RecordsVault.Core.Records;

/// <summary>The metadata a caller sends with an upload; ownership is derived from it, never taken from it.</summary>
public sealed record NewRecord(string Title, string Kind, DateOnly DevelopedAt);
