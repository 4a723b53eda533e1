namespace RecordsVault.Core.Audit;

/// <summary>
/// The result of checking the chain and its checkpoints. <see cref="FirstInvalidSequence"/> is the lowest
/// sequence where something is wrong: an event whose hash does not follow, a missing sequence, or a
/// checkpoint that is forged or disagrees with the event it names. Null when valid.
/// </summary>
public sealed record AuditVerification(bool Valid, long Events, long? FirstInvalidSequence, int Checkpoints);
