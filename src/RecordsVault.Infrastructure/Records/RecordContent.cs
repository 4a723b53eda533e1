namespace RecordsVault.Infrastructure.Records;

/// <summary>An upload's file: its checked content type, the bytes already read to check it, and the rest of the stream.</summary>
public sealed record RecordContent(string ContentType, ReadOnlyMemory<byte> Head, Stream Rest, long MaxBytes);
