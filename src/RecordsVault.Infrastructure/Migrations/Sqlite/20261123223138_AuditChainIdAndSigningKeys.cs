using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordsVault.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChainIdAndSigningKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChainId",
                table: "AuditChainHeads",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditSigningKeys",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditSigningKeys", x => x.KeyId);
                });

            migrationBuilder.UpdateData(
                table: "AuditChainHeads",
                keyColumn: "Id",
                keyValue: 1,
                column: "ChainId",
                value: null);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditSigningKeys");

            migrationBuilder.DropColumn(
                name: "ChainId",
                table: "AuditChainHeads");
        }
    }
}
