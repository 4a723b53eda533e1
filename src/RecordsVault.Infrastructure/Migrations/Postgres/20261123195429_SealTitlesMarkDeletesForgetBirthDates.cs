using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordsVault.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SealTitlesMarkDeletesForgetBirthDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Titles move aside, still in clear, and are sealed under their case keys at start-up
            // (LegacyPlaintextScrubber): SQL cannot do it, since it needs the key-encryption key.
            migrationBuilder.RenameColumn(
                name: "Title",
                table: "Records",
                newName: "PlaintextTitle");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletingAt",
                table: "Records",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "PlaintextTitle",
                table: "Records",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<byte[]>(
                name: "SealedTitle",
                table: "Records",
                type: "bytea",
                nullable: true);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "ChildDateOfBirth",
                table: "Cases",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.CreateIndex(
                name: "IX_Releases_Packet_BlobName",
                table: "Releases",
                column: "Packet_BlobName");

            migrationBuilder.CreateIndex(
                name: "IX_Records_DeletingAt",
                table: "Records",
                column: "DeletingAt",
                filter: "\"DeletingAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Records_PlaintextTitle",
                table: "Records",
                column: "CaseId",
                filter: "\"PlaintextTitle\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Disclosures_Packet_BlobName",
                table: "Disclosures",
                column: "Packet_BlobName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Releases_Packet_BlobName",
                table: "Releases");

            migrationBuilder.DropIndex(
                name: "IX_Records_DeletingAt",
                table: "Records");

            migrationBuilder.DropIndex(
                name: "IX_Records_PlaintextTitle",
                table: "Records");

            migrationBuilder.DropIndex(
                name: "IX_Disclosures_Packet_BlobName",
                table: "Disclosures");

            migrationBuilder.DropColumn(
                name: "DeletingAt",
                table: "Records");

            migrationBuilder.DropColumn(
                name: "SealedTitle",
                table: "Records");

            // Going back loses the titles sealed since: only the vault, holding the KEK, could unseal them.
            migrationBuilder.AlterColumn<string>(
                name: "PlaintextTitle",
                table: "Records",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.RenameColumn(
                name: "PlaintextTitle",
                table: "Records",
                newName: "Title");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "ChildDateOfBirth",
                table: "Cases",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);
        }
    }
}
