using RecordsVault.Core.Records;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// A record's metadata as the API shows it; the content is at <c>/records/{id}/content</c>. The title is null
/// once the case is disposed of: it was sealed under the destroyed case key.
/// </summary>
public sealed record RecordResponse(
    string Id,
    string CaseId,
    string? Title,
    string Kind,
    string ContentType,
    long Size,
    string Sha256,
    DateOnly DevelopedAt,
    Ownership Ownership,
    DateTime UploadedAt,
    string UploadedBy)
{
    public static RecordResponse From(Record r) => new(
        r.Id, r.CaseId, r.Title, r.Kind, r.ContentType, r.Size, r.Sha256, r.DevelopedAt, r.Ownership, r.UploadedAt, r.UploadedBy);
}
