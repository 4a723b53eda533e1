using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RecordsVault.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the API.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVaultDbContext>
{
    public SqliteVaultDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVaultDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVaultDbContext>
{
    public PostgresVaultDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVaultDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
