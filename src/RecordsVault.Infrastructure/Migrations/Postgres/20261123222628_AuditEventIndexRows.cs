using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordsVault.Infrastructure.Migrations.Postgres
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
                    CaseId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEventCases", x => new { x.CaseId, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "AuditEventOrganizations",
                columns: table => new
                {
                    Organization = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEventOrganizations", x => new { x.Organization, x.Sequence });
                });

            // The index rows of the events already in the trail, from their comma lists.
            migrationBuilder.Sql("""
                INSERT INTO "AuditEventCases" ("CaseId", "Sequence")
                SELECT DISTINCT item, "Sequence" FROM "AuditEvents", unnest(string_to_array("CaseIds", ',')) AS item WHERE item <> '';
                """);
            migrationBuilder.Sql("""
                INSERT INTO "AuditEventOrganizations" ("Organization", "Sequence")
                SELECT DISTINCT item, "Sequence" FROM "AuditEvents", unnest(string_to_array("Organizations", ',')) AS item WHERE item <> '';
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
