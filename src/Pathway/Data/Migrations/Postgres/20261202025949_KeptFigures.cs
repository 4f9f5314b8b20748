using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pathway.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Earliest = table.Column<DateOnly>(type: "date", nullable: true),
                    Xid = table.Column<long>(type: "bigint", nullable: true, defaultValueSql: "pg_current_xact_id()::text::bigint")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KeptFigureSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    LocalAuthority = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Provider = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Build = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Horizon = table.Column<long>(type: "bigint", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Figures = table.Column<string>(type: "text", nullable: false)
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
                name: "IX_KeptFigureSets_From_To_AsOf_LocalAuthority_Provider_Kind_Bu~",
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
