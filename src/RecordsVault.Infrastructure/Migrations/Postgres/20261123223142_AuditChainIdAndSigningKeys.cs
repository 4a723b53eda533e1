using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordsVault.Infrastructure.Migrations.Postgres
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
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditSigningKeys",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
