using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Records;

namespace RecordsVault.Infrastructure.Persistence;

/// <summary>The vault's metadata. Content never lands here; case keys only wrapped.</summary>
public abstract class VaultDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseKey> CaseKeys => Set<CaseKey>();

    public DbSet<Record> Records => Set<Record>();

    /// <summary>Every timestamp is UTC; SQLite forgets the kind, so it is restored on read.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
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
            c.HasIndex(x => new { x.OrganizationId, x.Lifecycle });
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
            r.Property(x => x.Title).HasMaxLength(200);
            r.Property(x => x.Kind).HasMaxLength(64);
            r.Property(x => x.ContentType).HasMaxLength(128);
            r.Property(x => x.Sha256).HasMaxLength(64);
            r.Property(x => x.UploadedBy).HasMaxLength(256);
            r.Property(x => x.Ownership).HasConversion<string>().HasMaxLength(16);
            r.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
            r.HasIndex(x => x.CaseId);
            r.HasIndex(x => x.BlobName).IsUnique();
        });
    }
}

/// <summary>The SQLite flavour; its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteVaultDbContext(DbContextOptions<SqliteVaultDbContext> options) : VaultDbContext(options);

/// <summary>The PostgreSQL flavour; its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresVaultDbContext(DbContextOptions<PostgresVaultDbContext> options) : VaultDbContext(options);

/// <summary>Stores UTC as is and marks values read back as UTC, so JSON carries the trailing Z.</summary>
public sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
