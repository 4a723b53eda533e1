using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Uploads;
using RecordsVault.Core.Access;
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
        caseRecords.MapPost("/", UploadAsync)
            .RequireOperation(Operation.RecordUpload)
            .WithAudit("record.upload", AuditRouteId.Case)
            .WithDescription("multipart/form-data with the fields title, kind and developedAt (yyyy-MM-dd), then the file part.")
            .DisableAntiforgery()
            .ProducesValidationProblem()
            .ProducesProblem(409)
            .ProducesProblem(413)
            .ProducesProblem(415)
            .TakesTransferSlot();
        caseRecords.MapGet("/", ListAsync)
            .RequireOperation(Operation.RecordList)
            .WithAudit("record.list", AuditRouteId.Case);

        var records = app.MapGroup("/records").WithTags("Records");
        records.MapGet("/{id}", GetAsync)
            .RequireOperation(Operation.RecordRead)
            .WithAudit("record.read", AuditRouteId.Record);
        records.MapGet("/{id}/content", GetContentAsync)
            .RequireOperation(Operation.RecordContent)
            .WithAudit("record.content", AuditRouteId.Record)
            .Produces(200, contentType: "application/octet-stream")
            .ProducesProblem(410)
            .TakesTransferSlot();
        records.MapDelete("/{id}", DeleteAsync)
            .RequireOperation(Operation.RecordDelete)
            .WithAudit("record.delete", AuditRouteId.Record)
            .ProducesProblem(409);
        return app;
    }

    private static async Task<NoContent> DeleteAsync(
        string id, HttpContext http, RecordService records, LifecycleService lifecycle,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var record = await FindAsync(id, Operation.RecordDelete, http, records, authorization, cancellationToken);
        var owner = await lifecycle.LoadAsync(record.CaseId, cancellationToken);
        await lifecycle.FireAsync(owner, CaseTrigger.DeleteRecord, cancellationToken);
        await records.DeleteAsync(record, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<RecordResponse>> UploadAsync(
        string id, HttpContext http, Caller caller, CaseService cases, RecordUpload upload,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var owner = await cases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The case");
        await authorization.RequireAsync(http, owner, Operation.RecordUpload, "The case");
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
        await authorization.RequireAsync(http, owner, Operation.RecordList, "The case");
        var list = await records.ListAsync(owner.Id, cancellationToken);
        return TypedResults.Ok(list.Select(RecordResponse.From).ToList());
    }

    private static async Task<Ok<RecordResponse>> GetAsync(
        string id, HttpContext http, RecordService records, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var record = await FindAsync(id, Operation.RecordRead, http, records, authorization, cancellationToken);
        await records.RevealTitlesAsync([record], cancellationToken);
        return TypedResults.Ok(RecordResponse.From(record));
    }

    private static async Task<VerifiedContentResult> GetContentAsync(
        string id, HttpContext http, RecordService records,
        IAuthorizationService authorization, ILogger<VerifiedContentResult> logger, CancellationToken cancellationToken)
    {
        var record = await FindAsync(id, Operation.RecordContent, http, records, authorization, cancellationToken);
        var content = await records.OpenContentAsync(record, cancellationToken);
        return new VerifiedContentResult(DownloadDescription.For(record), content, logger);
    }

    private static async Task<Record> FindAsync(
        string id, Operation operation, HttpContext http, RecordService records, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var record = await records.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The record");
        await authorization.RequireAsync(http, record, operation, "The record");
        return record;
    }
}
