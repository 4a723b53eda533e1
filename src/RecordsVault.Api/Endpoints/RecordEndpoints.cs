using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Uploads;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Lifecycle;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Api.Endpoints;

public static class RecordEndpoints
{
    public static IEndpointRouteBuilder MapRecordEndpoints(this IEndpointRouteBuilder app)
    {
        var caseRecords = app.MapGroup("/cases/{id}/records").WithTags("Records");
        caseRecords.MapPost("/", UploadAsync).WithAudit("record.upload", AuditRouteId.Case).RequireAuthorization(Policies.CaseWriter)
            .WithDescription("multipart/form-data with the fields file, title, kind and developedAt (yyyy-MM-dd).")
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);
        caseRecords.MapGet("/", ListAsync).WithAudit("record.list", AuditRouteId.Case).RequireAuthorization(Policies.CaseReader).ProducesProblem(404);

        var records = app.MapGroup("/records").WithTags("Records");
        records.MapGet("/{id}", GetAsync).WithAudit("record.read", AuditRouteId.Record).RequireAuthorization(Policies.CaseReader).ProducesProblem(404);
        records.MapGet("/{id}/content", GetContentAsync).WithAudit("record.content", AuditRouteId.Record).RequireAuthorization(Policies.CaseReader)
            .Produces(200, contentType: "application/octet-stream").ProducesProblem(404).ProducesProblem(410);
        records.MapDelete("/{id}", DeleteAsync).WithAudit("record.delete", AuditRouteId.Record).RequireAuthorization(Policies.RecordsManager).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<NoContent> DeleteAsync(
        string id, HttpContext http, CaseService cases, RecordService records, LifecycleService lifecycle,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var record = await FindVisibleAsync(id, http, cases, records, authorization, cancellationToken);
        var owner = await lifecycle.LoadAsync(record.CaseId, cancellationToken);
        await authorization.RequireAsync(http, owner, CaseOperation.Manage, "The record");
        await lifecycle.FireAsync(owner, CaseTrigger.DeleteRecord, cancellationToken);
        await records.DeleteAsync(record, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<RecordResponse>> UploadAsync(
        string id, HttpContext http, Caller caller, CaseService cases, RecordUpload upload,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var owner = await cases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The case");
        await authorization.RequireAsync(http, owner, CaseOperation.AddRecord);
        if (owner.Lifecycle != CaseLifecycle.Open)
        {
            throw new ConflictException($"Records can only be added to an open case; this one is {owner.Lifecycle}.");
        }

        var record = await upload.ReadAsync(http, owner, caller.Subject, cancellationToken);
        return TypedResults.Created($"/records/{record.Id}", RecordResponse.From(record));
    }

    private static async Task<Ok<List<RecordResponse>>> ListAsync(
        string id, HttpContext http, CaseService cases, RecordService records,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var owner = await cases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The case");
        await authorization.RequireAsync(http, owner, CaseOperation.Read);
        var list = await records.ListAsync(owner.Id, cancellationToken);
        return TypedResults.Ok(list.Select(RecordResponse.From).ToList());
    }

    private static async Task<Ok<RecordResponse>> GetAsync(
        string id, HttpContext http, CaseService cases, RecordService records,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var record = await FindVisibleAsync(id, http, cases, records, authorization, cancellationToken);
        return TypedResults.Ok(RecordResponse.From(record));
    }

    private static async Task<VerifiedContentResult> GetContentAsync(
        string id, HttpContext http, CaseService cases, RecordService records,
        IAuthorizationService authorization, ILogger<VerifiedContentResult> logger, CancellationToken cancellationToken)
    {
        var record = await FindVisibleAsync(id, http, cases, records, authorization, cancellationToken);
        var content = await records.OpenContentAsync(record, cancellationToken);
        return new VerifiedContentResult(DownloadDescription.For(record), content, logger);
    }

    private static async Task<Record> FindVisibleAsync(
        string id, HttpContext http, CaseService cases, RecordService records,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var record = await records.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The record");
        var owner = await cases.FindAsync(record.CaseId, cancellationToken) ?? throw new NotFoundException("The record");
        await authorization.RequireAsync(http, owner, CaseOperation.Read, "The record");
        return record;
    }
}
