using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordsVault.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseListKeyset : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_OrganizationId_Lifecycle",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_Id",
                table: "Cases",
                columns: new[] { "OrganizationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_Lifecycle_Id",
                table: "Cases",
                columns: new[] { "OrganizationId", "Lifecycle", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_OrganizationId_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OrganizationId_Lifecycle_Id",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_Lifecycle",
                table: "Cases",
                columns: new[] { "OrganizationId", "Lifecycle" });
        }
    }
}
