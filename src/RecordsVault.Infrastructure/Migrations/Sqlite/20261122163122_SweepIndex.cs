using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordsVault.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SweepIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Lifecycle_RetainUntil",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Lifecycle_Id_RetainUntil",
                table: "Cases",
                columns: new[] { "Lifecycle", "Id", "RetainUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Lifecycle_Id_RetainUntil",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Lifecycle_RetainUntil",
                table: "Cases",
                columns: new[] { "Lifecycle", "RetainUntil" });
        }
    }
}
