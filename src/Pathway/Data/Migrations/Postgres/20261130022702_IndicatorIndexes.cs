using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndicatorIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_Date",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_StartDate_EpisodeId",
                table: "Interventions",
                columns: new[] { "StartDate", "EpisodeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Date_EpisodeId_Channel_Attended",
                table: "Contacts",
                columns: new[] { "Date", "EpisodeId", "Channel", "Attended" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interventions_StartDate_EpisodeId",
                table: "Interventions");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Date_EpisodeId_Channel_Attended",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Date",
                table: "Contacts",
                column: "Date");
        }
    }
}
