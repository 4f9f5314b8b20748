using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrescriptionsAndHarmReduction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HarmReductionEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EpisodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Substance = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HarmReductionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HarmReductionEvents_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Prescriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PrescriptionRef = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EpisodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Medicine = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    DoseMg = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: false),
                    DoseIntervalDays = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SupervisedDaysPerWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    PharmacyOdsCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Prescriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Prescriptions_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HarmReductionEvents_EpisodeId_Date",
                table: "HarmReductionEvents",
                columns: new[] { "EpisodeId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_HarmReductionEvents_Kind_Date",
                table: "HarmReductionEvents",
                columns: new[] { "Kind", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_EpisodeId_StartDate",
                table: "Prescriptions",
                columns: new[] { "EpisodeId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyOdsCode",
                table: "Prescriptions",
                column: "PharmacyOdsCode");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_Source_PrescriptionRef",
                table: "Prescriptions",
                columns: new[] { "Source", "PrescriptionRef" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HarmReductionEvents");

            migrationBuilder.DropTable(
                name: "Prescriptions");
        }
    }
}
