namespace RecordsVault.Core.Records;

/// <summary>The metadata a caller sends with an upload; ownership is derived from it, never taken from it.</summary>
public sealed record NewRecord(string Title, string Kind, DateOnly DevelopedAt);

/// <summary>What the blob store reports after an upload: where the ciphertext lives and what the plaintext was.</summary>
public sealed record StoredContent(string BlobName, string ContentType, long Size, string Sha256);
