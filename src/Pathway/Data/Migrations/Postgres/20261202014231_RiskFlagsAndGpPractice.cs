using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RiskFlagsAndGpPractice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Recipient",
                table: "HarmReductionEvents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RiskFlags",
                columns: table => new
                {
                    ClientRecordId = table.Column<int>(type: "integer", nullable: false),
                    ChildrenInHousehold = table.Column<bool>(type: "boolean", nullable: true),
                    ChildrenCount = table.Column<int>(type: "integer", nullable: true),
                    DomesticAbuse = table.Column<bool>(type: "boolean", nullable: false),
                    MaracReferralDate = table.Column<DateOnly>(type: "date", nullable: true),
                    OverdoseRisk = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OverdoseRiskReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskFlags", x => x.ClientRecordId);
                    table.ForeignKey(
                        name: "FK_RiskFlags_ClientRecords_ClientRecordId",
                        column: x => x.ClientRecordId,
                        principalTable: "ClientRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RiskFlags");

            migrationBuilder.DropColumn(
                name: "Recipient",
                table: "HarmReductionEvents");
        }
    }
}
