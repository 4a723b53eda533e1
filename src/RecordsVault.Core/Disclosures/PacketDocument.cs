namespace RecordsVault.Core.Disclosures;

/// <summary>What a disclosure packet says: the request's details, the records in order, and their chain of custody.</summary>
public sealed record PacketDocument
{
    private readonly string? headerLabel;

    public required string PacketId { get; init; }

    /// <summary>Printed at the top of every page; defaults to "CONFIDENTIAL: ORR disclosure {PacketId}".</summary>
    public string HeaderLabel
    {
        get => headerLabel ?? $"CONFIDENTIAL: ORR disclosure {PacketId}";
        init => headerLabel = value;
    }

    public required string Title { get; init; }

    /// <summary>Who produced the packet (the provider organization); the PDF's Author.</summary>
    public required string Author { get; init; }

    public required string Requester { get; init; }

    /// <summary>The person or entity ORR designated to receive the records, if any.</summary>
    public string? Designee { get; init; }

    public required string Purpose { get; init; }

    /// <summary>When the request was made; also the PDF's creation and modification dates, so a packet never depends on the clock.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    public required IReadOnlyList<string> CaseNumbers { get; init; }

    public required IReadOnlyList<PacketRecord> Records { get; init; }

    /// <summary>Audit lines printed on the closing page; empty means no audit trail is available.</summary>
    public IReadOnlyList<string> CustodyLines { get; init; } = [];
}
