using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordsVault.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditEventIndexRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEventCases",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEventCases", x => new { x.CaseId, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "AuditEventOrganizations",
                columns: table => new
                {
                    Organization = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEventOrganizations", x => new { x.Organization, x.Sequence });
                });

            // The index rows of the events already in the trail: their comma lists split by a recursive query.
            migrationBuilder.Sql("""
                WITH RECURSIVE split(seq, item, rest) AS (
                    SELECT "Sequence", '', "CaseIds" || ',' FROM "AuditEvents" WHERE "CaseIds" <> ''
                    UNION ALL
                    SELECT seq, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1) FROM split WHERE rest <> '')
                INSERT OR IGNORE INTO "AuditEventCases" ("CaseId", "Sequence") SELECT item, seq FROM split WHERE item <> '';
                """);
            migrationBuilder.Sql("""
                WITH RECURSIVE split(seq, item, rest) AS (
                    SELECT "Sequence", '', substr("Organizations", 2) FROM "AuditEvents" WHERE "Organizations" <> ''
                    UNION ALL
                    SELECT seq, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1) FROM split WHERE rest <> '')
                INSERT OR IGNORE INTO "AuditEventOrganizations" ("Organization", "Sequence") SELECT item, seq FROM split WHERE item <> '';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEventCases");

            migrationBuilder.DropTable(
                name: "AuditEventOrganizations");
        }
    }
}
