using System.Net.Http.Json;
using RecordsVault.Core.Access;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>
/// Every route of the API, as a request a test can send. {case} and {record} are the fixture's shared,
/// read-only targets; routes that change or destroy their target get a fresh one per request.
/// </summary>
public static class Routes
{
    public static readonly string[] All =
    [
        "POST /cases",
        "GET /cases/{case}",
        "GET /cases",
        "POST /cases/{case}/records",
        "GET /cases/{case}/records",
        "GET /records/{record}",
        "GET /records/{record}/content",
        "DELETE /records/{fresh-record}",
        "POST /cases/{fresh-case}/close",
        "POST /cases/{fresh-case}/reopen",
        "GET /cases/{case}/retention",
        "GET /cases/{case}/history",
        "POST /cases/{fresh-case}/disposition",
        "POST /cases/{fresh-case}/disposition/approve",
        "POST /cases/{fresh-case}/disposition/reject",
        "POST /holds",
        "GET /holds",
        "GET /holds/{hold}",
        "POST /holds/{hold}/release",
        "POST /retention/sweep",
        "POST /disclosures",
        "GET /disclosures/{disclosure}",
        "GET /disclosures/{disclosure}/packet",
        "GET /disclosures/{disclosure}/bundle",
        "POST /releases",
        "POST /releases/{release}/approve",
        "GET /releases/{release}",
        "GET /releases/{release}/packet",
        "GET /audit",
        "GET /audit/verify",
        "POST /archive",
        "POST /handovers",
        "POST /handovers/export",
    ];

    /// <summary>The operation each route performs, as the contract and the permission table name it.</summary>
    public static readonly IReadOnlyDictionary<string, Operation> OperationOf = new Dictionary<string, Operation>
    {
        ["POST /cases"] = Operation.CaseCreate,
        ["GET /cases/{case}"] = Operation.CaseRead,
        ["GET /cases"] = Operation.CaseList,
        ["POST /cases/{case}/records"] = Operation.RecordUpload,
        ["GET /cases/{case}/records"] = Operation.RecordList,
        ["GET /records/{record}"] = Operation.RecordRead,
        ["GET /records/{record}/content"] = Operation.RecordContent,
        ["DELETE /records/{fresh-record}"] = Operation.RecordDelete,
        ["POST /cases/{fresh-case}/close"] = Operation.CaseClose,
        ["POST /cases/{fresh-case}/reopen"] = Operation.CaseReopen,
        ["GET /cases/{case}/retention"] = Operation.RetentionRead,
        ["GET /cases/{case}/history"] = Operation.CaseHistory,
        ["POST /cases/{fresh-case}/disposition"] = Operation.DispositionRequest,
        ["POST /cases/{fresh-case}/disposition/approve"] = Operation.DispositionApprove,
        ["POST /cases/{fresh-case}/disposition/reject"] = Operation.DispositionReject,
        ["POST /holds"] = Operation.HoldCreate,
        ["GET /holds"] = Operation.HoldList,
        ["GET /holds/{hold}"] = Operation.HoldRead,
        ["POST /holds/{hold}/release"] = Operation.HoldRelease,
        ["POST /retention/sweep"] = Operation.RetentionSweep,
        ["POST /disclosures"] = Operation.DisclosureCreate,
        ["GET /disclosures/{disclosure}"] = Operation.DisclosureRead,
        ["GET /disclosures/{disclosure}/packet"] = Operation.DisclosurePacket,
        ["GET /disclosures/{disclosure}/bundle"] = Operation.DisclosureBundle,
        ["POST /releases"] = Operation.ReleaseCreate,
        ["POST /releases/{release}/approve"] = Operation.ReleaseApprove,
        ["GET /releases/{release}"] = Operation.ReleaseRead,
        ["GET /releases/{release}/packet"] = Operation.ReleasePacket,
        ["GET /audit"] = Operation.AuditRead,
        ["GET /audit/verify"] = Operation.AuditVerify,
        ["POST /archive"] = Operation.ArchiveImport,
        ["POST /handovers"] = Operation.HandoverTransfer,
        ["POST /handovers/export"] = Operation.HandoverExport,
    };

    /// <summary>Routes whose fresh target is in a state that may forbid the action: allowed means a 2xx or a 409.</summary>
    public static readonly IReadOnlySet<string> LifecycleDecides = new HashSet<string>
    {
        "POST /cases/{fresh-case}/reopen",
        "POST /cases/{fresh-case}/disposition",
        "POST /cases/{fresh-case}/disposition/approve",
        "POST /cases/{fresh-case}/disposition/reject",
        "POST /releases/{release}/approve",
    };

    /// <summary>The route as the app's endpoint table spells it: every placeholder is {id}.</summary>
    public static string Normalized(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, "{[a-z-]+}", "{id}");

    public static async Task<HttpRequestMessage> RequestAsync(string route, ApiFixture fixture)
    {
        var parts = route.Split(' ');
        var path = parts[1].Replace("{case}", fixture.CaseId, StringComparison.Ordinal)
            .Replace("{record}", fixture.RecordId, StringComparison.Ordinal)
            .Replace("{disclosure}", fixture.DisclosureId, StringComparison.Ordinal)
            .Replace("{release}", fixture.ReleaseId, StringComparison.Ordinal);
        string? freshCase = null;
        if (path.Contains("{fresh-case}", StringComparison.Ordinal) || route is "POST /holds" or "POST /handovers")
        {
            freshCase = (await ApiCalls.CreateCaseAsync(fixture.Client("Vault.Caseworker", "prov-a"))).Id();
            path = path.Replace("{fresh-case}", freshCase, StringComparison.Ordinal);
        }

        if (path.Contains("{fresh-record}", StringComparison.Ordinal))
        {
            var record = await ApiCalls.UploadAsync(fixture.Client("Vault.Caseworker", "prov-a"), fixture.CaseId, "doomed"u8.ToArray());
            path = path.Replace("{fresh-record}", record.Id(), StringComparison.Ordinal);
        }

        if (path.Contains("{hold}", StringComparison.Ordinal))
        {
            path = path.Replace("{hold}", await fixture.NewHoldAsync(), StringComparison.Ordinal);
        }

        return new HttpRequestMessage(new HttpMethod(parts[0]), path) { Content = Body(route, freshCase, fixture) };
    }

    private static HttpContent? Body(string route, string? freshCase, ApiFixture fixture) => route switch
    {
        "POST /cases" => JsonContent.Create(new
        {
            caseNumber = "C-" + Guid.NewGuid().ToString("N")[..10],
            state = "CA",
            releaseDate = "2025-01-15",
            childDateOfBirth = "2009-03-01",
            prsType = "HomeStudy",
            prsLevel = 1,
        }),
        "POST /cases/{case}/records" => ApiCalls.RecordForm("note"u8.ToArray()),
        "POST /cases/{fresh-case}/close" => JsonContent.Create(new { servicePeriodEnd = "2025-06-01", reason = "Services concluded." }),
        "POST /cases/{fresh-case}/disposition/reject" => JsonContent.Create(new { reason = "Not yet." }),
        "POST /holds" => JsonContent.Create(new { matter = "Doe v. Example", reason = "Subpoena", caseIds = new[] { freshCase } }),
        "POST /holds/{hold}/release" => JsonContent.Create(new { resolution = "Settled." }),
        "POST /disclosures" => JsonContent.Create(new { caseIds = new[] { fixture.CaseId }, purpose = "Review" }),
        "POST /releases" => JsonContent.Create(new { recordIds = new[] { fixture.RecordId }, recipient = "Clinic", purpose = "Care" }),
        "POST /archive" => ArchiveForm(),
        "POST /handovers" => JsonContent.Create(new { from = "prov-a", to = "prov-b", caseIds = new[] { freshCase } }),
        "POST /handovers/export" => JsonContent.Create(new { from = "prov-a", caseIds = new[] { fixture.CaseId } }),
        _ => null,
    };

    /// <summary>A one-record manifest for a new open case, and its file.</summary>
    public static MultipartFormDataContent ArchiveForm()
    {
        var manifest = "caseNumber,state,releaseDate,childDateOfBirth,prsType,prsLevel,servicePeriodEnd,closureReason,title,kind,developedAt,file\n"
            + $"AR-{Guid.NewGuid():N},TX,2025-01-15,2010-06-01,Tvpra,1,,,Intake,intake,2025-01-20,intake.txt\n";
        var file = new ByteArrayContent("Intake note."u8.ToArray());
        file.Headers.ContentType = new("text/plain");
        return new MultipartFormDataContent
        {
            { new StringContent(manifest), "manifest", "manifest.csv" },
            { file, "file", "intake.txt" },
        };
    }
}
