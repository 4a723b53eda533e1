using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordsVault.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Disclosures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Disclosures",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DesigneeSub = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DesigneeAccessUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseIds = table.Column<string>(type: "text", nullable: false),
                    Records = table.Column<string>(type: "text", nullable: false),
                    Packet_BlobName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Packet_Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Packet_Size = table.Column<long>(type: "bigint", nullable: true),
                    Packet_KekId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Packet_WrappedKey = table.Column<byte[]>(type: "bytea", nullable: true),
                    Packet_RenderedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disclosures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Releases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Records = table.Column<string>(type: "text", nullable: false),
                    Packet_BlobName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Packet_Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Packet_Size = table.Column<long>(type: "bigint", nullable: true),
                    Packet_KekId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Packet_WrappedKey = table.Column<byte[]>(type: "bytea", nullable: true),
                    Packet_RenderedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Releases", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Disclosures");

            migrationBuilder.DropTable(
                name: "Releases");
        }
    }
}
