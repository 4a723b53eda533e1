namespace RecordsVault.Infrastructure.Keys;

/// <summary>A signature, with the id of the signing key version that made it.</summary>
public sealed record KeySignature(string KeyId, byte[] Value);
