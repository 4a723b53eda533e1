namespace RecordsVault.Infrastructure.Keys.Rotation;

/// <summary>Where a wrapped key is stored: a case key (by case id), or a disclosure's or release's packet (by request id).</summary>
public enum WrappedKind
{
    CaseKey,
    DisclosurePacket,
    ReleasePacket,
}

/// <summary>One stored wrapped key, as read before a rewrap: the update applies only if the row still holds <see cref="Wrapped"/>.</summary>
internal sealed record WrappedRow(WrappedKind Kind, string Id, string KekId, byte[] Wrapped);

/// <summary>What one rewrap run did: rewrapped, left alone because a disposal or another run changed the row first, and failed.</summary>
public sealed record RewrapResult(string CurrentVersion, long Rewrapped, long ChangedMeanwhile, long Failed, long Remaining);

/// <summary>One KEK version, what it still wraps, and whether it may be retired.</summary>
public sealed record KekVersionStatus(string Id, bool Current, bool Enabled, DateTimeOffset? CreatedAt, long CaseKeys, long Packets);
