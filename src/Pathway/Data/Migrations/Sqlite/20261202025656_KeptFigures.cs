using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeptFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FigureChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Earliest = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Xid = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KeptFigureSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LocalAuthority = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Build = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Horizon = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Figures = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeptFigureSets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FigureChanges_Xid",
                table: "FigureChanges",
                column: "Xid");

            migrationBuilder.CreateIndex(
                name: "IX_KeptFigureSets_From_To_AsOf_LocalAuthority_Provider_Kind_Build",
                table: "KeptFigureSets",
                columns: new[] { "From", "To", "AsOf", "LocalAuthority", "Provider", "Kind", "Build" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FigureChanges");

            migrationBuilder.DropTable(
                name: "KeptFigureSets");
        }
    }
}
