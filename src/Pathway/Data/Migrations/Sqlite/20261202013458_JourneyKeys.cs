using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JourneyKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "JourneyEpisodeId",
                table: "Episodes",
                type: "INTEGER",
                nullable: true);

            // The journeys of the records already held (Indicators/JourneyKeys.cs), before the index, so it is built once.
            foreach (var statement in Pathway.Indicators.JourneyKeys.Sql(Pathway.Data.DatabaseKind.Sqlite, null))
                migrationBuilder.Sql(statement);

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_JourneyEpisodeId",
                table: "Episodes",
                column: "JourneyEpisodeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Episodes_JourneyEpisodeId",
                table: "Episodes");

            migrationBuilder.DropColumn(
                name: "JourneyEpisodeId",
                table: "Episodes");
        }
    }
}
