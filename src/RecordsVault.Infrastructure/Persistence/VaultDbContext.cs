using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Holds;
using RecordsVault.Core.Records;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure.Audit;

namespace RecordsVault.Infrastructure.Persistence;

/// <summary>
/// The vault's metadata. Content never lands here; case keys only wrapped. When a request's audit trail is
/// open, the first save that changes anything appends the request's audit event in the same transaction.
/// </summary>
public abstract partial class VaultDbContext(DbContextOptions options, AuditTrail? audit) : DbContext(options)
{
    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseKey> CaseKeys => Set<CaseKey>();

    /// <summary>The shadow column of titles stored in clear by older versions; null for every row written since.</summary>
    public const string PlaintextTitle = "PlaintextTitle";

    public DbSet<Record> Records => Set<Record>();

    public DbSet<LitigationHold> Holds => Set<LitigationHold>();

    public DbSet<HoldCase> HoldCases => Set<HoldCase>();

    /// <summary>Case-to-hold links whose hold is still active: the one definition of "this case is held".</summary>
    public IQueryable<HoldCase> ActiveHoldCases => HoldCases.Where(hc => Holds.Any(h => h.Id == hc.HoldId && h.ReleasedAt == null));

    public DbSet<DispositionCertificate> DispositionCertificates => Set<DispositionCertificate>();

    public DbSet<DisclosureRequest> Disclosures => Set<DisclosureRequest>();

    public DbSet<ReleaseRequest> Releases => Set<ReleaseRequest>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<AuditEventCase> AuditEventCases => Set<AuditEventCase>();

    public DbSet<AuditEventOrganization> AuditEventOrganizations => Set<AuditEventOrganization>();

    public DbSet<AuditSigningKey> AuditSigningKeys => Set<AuditSigningKey>();

    /// <summary>Every timestamp is UTC; SQLite forgets the kind, so it is restored on read.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.ActorSub).HasMaxLength(128);
            e.Property(x => x.ActorOrg).HasMaxLength(128);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.RecordId).HasMaxLength(128);
            e.Property(x => x.TargetId).HasMaxLength(128);
            e.Property(x => x.ClientAddress).HasMaxLength(128);
            e.Property(x => x.RequestId).HasMaxLength(128);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.OccurredAt);
            e.HasIndex(x => x.ActorSub);
            // A packet's custody page finds the events naming its records by this index.
            e.HasIndex(x => x.RecordId);
        });

        // Keyed so that one case's or organization's events are read newest first by the key itself.
        modelBuilder.Entity<AuditEventCase>(l =>
        {
            l.HasKey(x => new { x.CaseId, x.Sequence });
            l.Property(x => x.CaseId).HasMaxLength(128);
        });
        modelBuilder.Entity<AuditEventOrganization>(l =>
        {
            l.HasKey(x => new { x.Organization, x.Sequence });
            l.Property(x => x.Organization).HasMaxLength(128);
        });

        modelBuilder.Entity<AuditChainHead>(h =>
        {
            h.HasKey(x => x.Id);
            h.Property(x => x.Id).ValueGeneratedNever();
            h.Property(x => x.LastHash).HasMaxLength(64);
            h.Property(x => x.ChainId).HasMaxLength(32);
            h.HasData(new AuditChainHead { Id = AuditChainHead.SingletonId, LastSequence = 0, LastHash = AuditChain.GenesisHash });
        });

        modelBuilder.Entity<AuditSigningKey>(k =>
        {
            k.HasKey(x => x.KeyId);
            k.Property(x => x.KeyId).HasMaxLength(256);
        });

        modelBuilder.Entity<Case>(c =>
        {
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasMaxLength(64);
            c.Property(x => x.OrganizationId).HasMaxLength(64);
            c.Property(x => x.CaseNumber).HasMaxLength(64);
            c.Property(x => x.State).HasMaxLength(2);
            c.Property(x => x.CreatedBy).HasMaxLength(256);
            c.Property(x => x.PrsType).HasConversion<string>().HasMaxLength(32);
            c.Property(x => x.Lifecycle).HasConversion<string>().HasMaxLength(32);
            c.HasIndex(x => new { x.OrganizationId, x.CaseNumber }).IsUnique();
            c.Property(x => x.ClosedReason).HasMaxLength(500);
            c.Property(x => x.DispositionRequestedBy).HasMaxLength(256);
            c.Property(x => x.Version).IsConcurrencyToken();
            // Case listings page newest first by id within an organization, with or without a lifecycle: range scans.
            c.HasIndex(x => new { x.OrganizationId, x.Lifecycle, x.Id });
            c.HasIndex(x => new { x.OrganizationId, x.Id });
            // The sweep pages through retained cases by id; this index serves it as one range scan per batch.
            c.HasIndex(x => new { x.Lifecycle, x.Id, x.RetainUntil });
        });

        modelBuilder.Entity<LitigationHold>(h =>
        {
            h.HasKey(x => x.Id);
            h.Property(x => x.Id).HasMaxLength(64);
            h.Property(x => x.Matter).HasMaxLength(200);
            h.Property(x => x.Reason).HasMaxLength(1000);
            h.Property(x => x.CreatedBy).HasMaxLength(256);
            h.Property(x => x.CreatedByOrganization).HasMaxLength(64);
            h.Property(x => x.ReleasedBy).HasMaxLength(256);
            h.Property(x => x.Resolution).HasMaxLength(1000);
            h.Ignore(x => x.IsActive);
            h.HasMany(x => x.Cases).WithOne().HasForeignKey(x => x.HoldId);
        });

        modelBuilder.Entity<HoldCase>(hc =>
        {
            hc.HasKey(x => new { x.HoldId, x.CaseId });
            hc.Property(x => x.HoldId).HasMaxLength(64);
            hc.Property(x => x.CaseId).HasMaxLength(64);
            hc.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
            hc.HasIndex(x => x.CaseId);
        });

        modelBuilder.Entity<DispositionCertificate>(d =>
        {
            d.HasKey(x => x.CaseId);
            d.Property(x => x.CaseId).HasMaxLength(64);
            d.Property(x => x.OrganizationId).HasMaxLength(64);
            d.Property(x => x.RequestedBy).HasMaxLength(256);
            d.Property(x => x.ApprovedBy).HasMaxLength(256);
            d.HasOne<Case>().WithOne().HasForeignKey<DispositionCertificate>(x => x.CaseId);
            d.Property(x => x.Records).HasConversion(Json<List<DisposedRecord>>()).Metadata.SetValueComparer(JsonComparer<List<DisposedRecord>>());
            d.Property(x => x.Rules).HasConversion(Json<List<RuleOutcome>>()).Metadata.SetValueComparer(JsonComparer<List<RuleOutcome>>());
            d.HasIndex(x => x.BlobsDeletedAt);
        });

        modelBuilder.Entity<DisclosureRequest>(d =>
        {
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).HasMaxLength(64);
            d.Property(x => x.RequestedBy).HasMaxLength(256);
            d.Property(x => x.DesigneeSub).HasMaxLength(256);
            d.Property(x => x.Purpose).HasMaxLength(1000);
            d.Property(x => x.CaseIds).HasConversion(Json<List<string>>()).Metadata.SetValueComparer(JsonComparer<List<string>>());
            d.Property(x => x.Records).HasConversion(Json<List<DisclosedRecord>>()).Metadata.SetValueComparer(JsonComparer<List<DisclosedRecord>>());
            d.OwnsOne(x => x.Packet, StoredPacketColumns);
        });

        modelBuilder.Entity<ReleaseRequest>(r =>
        {
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).HasMaxLength(64);
            r.Property(x => x.OrganizationId).HasMaxLength(64);
            r.Property(x => x.RequestedBy).HasMaxLength(256);
            r.Property(x => x.Recipient).HasMaxLength(200);
            r.Property(x => x.Purpose).HasMaxLength(1000);
            r.Property(x => x.ApprovedBy).HasMaxLength(256);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            r.Property(x => x.Records).HasConversion(Json<List<DisclosedRecord>>()).Metadata.SetValueComparer(JsonComparer<List<DisclosedRecord>>());
            r.OwnsOne(x => x.Packet, StoredPacketColumns);
        });

        modelBuilder.Entity<CaseKey>(k =>
        {
            k.HasKey(x => x.CaseId);
            k.Property(x => x.CaseId).HasMaxLength(64);
            k.Property(x => x.KekId).HasMaxLength(256);
            k.HasOne<Case>().WithOne().HasForeignKey<CaseKey>(x => x.CaseId);
        });

        modelBuilder.Entity<Record>(r =>
        {
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).HasMaxLength(64);
            r.Property(x => x.CaseId).HasMaxLength(64);
            r.Property(x => x.BlobName).HasMaxLength(64);
            r.Ignore(x => x.Title);

            // Titles stored in clear before they were sealed; start-up seals what is left (LegacyPlaintextScrubber).
            r.Property<string?>(PlaintextTitle).HasMaxLength(200);
            r.HasIndex(x => x.CaseId, "IX_Records_PlaintextTitle").HasFilter($"\"{PlaintextTitle}\" IS NOT NULL");
            r.Property(x => x.Kind).HasMaxLength(64);
            r.Property(x => x.ContentType).HasMaxLength(128);
            r.Property(x => x.Sha256).HasMaxLength(64);
            r.Property(x => x.UploadedBy).HasMaxLength(256);
            r.Property(x => x.Ownership).HasConversion<string>().HasMaxLength(16);
            r.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
            r.HasIndex(x => x.CaseId);
            r.HasIndex(x => x.BlobName).IsUnique();

            // A row being deleted is hidden from every read at once; the reconciler finds the unfinished ones.
            r.HasQueryFilter(x => x.DeletingAt == null);
            r.HasIndex(x => x.DeletingAt).HasFilter("\"DeletingAt\" IS NOT NULL");
        });
    }

    private static void StoredPacketColumns<TOwner>(OwnedNavigationBuilder<TOwner, StoredPacket> p)
        where TOwner : class
    {
        p.Property(x => x.BlobName).HasMaxLength(64);
        p.Property(x => x.Sha256).HasMaxLength(64);
        p.Property(x => x.KekId).HasMaxLength(256);
        p.HasIndex(x => x.BlobName); // the reconciler asks which blobs packets own
    }

    /// <summary>Lists kept as JSON text: the certificate is read whole, never queried inside.</summary>
    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Json<T>() => new(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
        v => JsonSerializer.Deserialize<T>(v, JsonSerializerOptions.Web)!);

    private static ValueComparer<T> JsonComparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Web) == JsonSerializer.Serialize(b, JsonSerializerOptions.Web),
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!);
}

/// <summary>The SQLite flavour; its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteVaultDbContext(DbContextOptions<SqliteVaultDbContext> options, AuditTrail? audit = null) : VaultDbContext(options, audit);

/// <summary>The PostgreSQL flavour; its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresVaultDbContext(DbContextOptions<PostgresVaultDbContext> options, AuditTrail? audit = null) : VaultDbContext(options, audit);

/// <summary>Stores UTC as is and marks values read back as UTC, so JSON carries the trailing Z.</summary>
public sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
