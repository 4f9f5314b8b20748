using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProviderScopesAndHandovers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BenchmarkFigures_IndicatorId_PeriodFrom_PeriodTo_AreaCode",
                table: "BenchmarkFigures");

            migrationBuilder.AddColumn<string>(
                name: "ProviderCode",
                table: "ServicePlaces",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerLocalAuthorityCode",
                table: "BenchmarkFigures",
                type: "TEXT",
                maxLength: 9,
                nullable: false,
                defaultValue: "");

            // Until now every council shared one set of comparator figures: each council gets its own copy of what it saw,
            // to keep or remove from now on. Without any council there is nobody to give them to, and they stay unowned.
            migrationBuilder.Sql("""
                INSERT INTO "BenchmarkFigures" ("OwnerLocalAuthorityCode", "AreaCode", "AreaName", "IndicatorId", "PeriodFrom", "PeriodTo", "Value")
                SELECT l."Code", b."AreaCode", b."AreaName", b."IndicatorId", b."PeriodFrom", b."PeriodTo", b."Value"
                FROM "BenchmarkFigures" b CROSS JOIN "LocalAuthorities" l WHERE b."OwnerLocalAuthorityCode" = '';
                DELETE FROM "BenchmarkFigures" WHERE "OwnerLocalAuthorityCode" = '' AND EXISTS (SELECT 1 FROM "LocalAuthorities");
                """);

            // A place belongs to the provider of its council's latest contract, or to the only provider there is;
            // otherwise it waits for an administrator to assign one.
            migrationBuilder.Sql("""
                UPDATE "ServicePlaces" SET "ProviderCode" = (SELECT c."ProviderCode" FROM "Contracts" c
                    WHERE c."LocalAuthorityCode" = "ServicePlaces"."LocalAuthorityCode" ORDER BY c."StartDate" DESC, c."Id" DESC LIMIT 1);
                UPDATE "ServicePlaces" SET "ProviderCode" = (SELECT MIN("Code") FROM "Providers")
                    WHERE "ProviderCode" IS NULL AND (SELECT COUNT(*) FROM "Providers") = 1;
                """);

            migrationBuilder.CreateTable(
                name: "Handovers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FromProvider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ToProvider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AuthorisedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AuthorisedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Handovers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StaffProviderGrants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffProviderGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffProviderGrants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkFigures_OwnerLocalAuthorityCode_IndicatorId_PeriodFrom_PeriodTo_AreaCode",
                table: "BenchmarkFigures",
                columns: new[] { "OwnerLocalAuthorityCode", "IndicatorId", "PeriodFrom", "PeriodTo", "AreaCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_FromProvider_ToProvider",
                table: "Handovers",
                columns: new[] { "FromProvider", "ToProvider" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffProviderGrants_UserId_ProviderCode",
                table: "StaffProviderGrants",
                columns: new[] { "UserId", "ProviderCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Handovers");

            migrationBuilder.DropTable(
                name: "StaffProviderGrants");

            migrationBuilder.DropIndex(
                name: "IX_BenchmarkFigures_OwnerLocalAuthorityCode_IndicatorId_PeriodFrom_PeriodTo_AreaCode",
                table: "BenchmarkFigures");

            migrationBuilder.DropColumn(
                name: "ProviderCode",
                table: "ServicePlaces");

            migrationBuilder.Sql("""
                DELETE FROM "BenchmarkFigures" WHERE "Id" NOT IN
                    (SELECT MIN("Id") FROM "BenchmarkFigures" GROUP BY "IndicatorId", "PeriodFrom", "PeriodTo", "AreaCode");
                """);

            migrationBuilder.DropColumn(
                name: "OwnerLocalAuthorityCode",
                table: "BenchmarkFigures");

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkFigures_IndicatorId_PeriodFrom_PeriodTo_AreaCode",
                table: "BenchmarkFigures",
                columns: new[] { "IndicatorId", "PeriodFrom", "PeriodTo", "AreaCode" },
                unique: true);
        }
    }
}
