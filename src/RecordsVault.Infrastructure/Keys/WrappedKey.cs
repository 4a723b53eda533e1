namespace RecordsVault.Infrastructure.Keys;

/// <summary>A key wrapped by the KEK, with the id of the KEK version that wrapped it.</summary>
public sealed record WrappedKey(string KeyId, byte[] Value);
