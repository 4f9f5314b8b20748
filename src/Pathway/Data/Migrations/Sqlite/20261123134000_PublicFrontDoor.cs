using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicFrontDoor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ForCarers",
                table: "DropInSession",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AlcoholCheckCounts",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Completed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlcoholCheckCounts", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "CarerContactRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    LocalAuthorityCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    ProviderCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VoicemailOk = table.Column<bool>(type: "INTEGER", nullable: false),
                    SafeContactNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    HandledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarerContactRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnlineSelfReferrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EpisodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SubmissionHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    HelpWith = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MoreDetail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ContactBy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VoicemailOk = table.Column<bool>(type: "INTEGER", nullable: false),
                    TextOk = table.Column<bool>(type: "INTEGER", nullable: false),
                    SafeTimes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SafeContactNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FromAlcoholCheck = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuditCScore = table.Column<int>(type: "INTEGER", nullable: true),
                    AuditScore = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlineSelfReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OnlineSelfReferrals_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostcodeDistricts",
                columns: table => new
                {
                    District = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    LocalAuthorityCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostcodeDistricts", x => x.District);
                });

            migrationBuilder.CreateTable(
                name: "SelfReferralDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfReferralDrafts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CarerContactRequests_ProviderCode_HandledAt",
                table: "CarerContactRequests",
                columns: new[] { "ProviderCode", "HandledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OnlineSelfReferrals_EpisodeId",
                table: "OnlineSelfReferrals",
                column: "EpisodeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnlineSelfReferrals_Reference",
                table: "OnlineSelfReferrals",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnlineSelfReferrals_SubmissionHash",
                table: "OnlineSelfReferrals",
                column: "SubmissionHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnlineSelfReferrals_SubmittedAt",
                table: "OnlineSelfReferrals",
                column: "SubmittedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PostcodeDistricts_LocalAuthorityCode",
                table: "PostcodeDistricts",
                column: "LocalAuthorityCode");

            migrationBuilder.CreateIndex(
                name: "IX_SelfReferralDrafts_ExpiresAt",
                table: "SelfReferralDrafts",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_SelfReferralDrafts_TokenHash",
                table: "SelfReferralDrafts",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlcoholCheckCounts");

            migrationBuilder.DropTable(
                name: "CarerContactRequests");

            migrationBuilder.DropTable(
                name: "OnlineSelfReferrals");

            migrationBuilder.DropTable(
                name: "PostcodeDistricts");

            migrationBuilder.DropTable(
                name: "SelfReferralDrafts");

            migrationBuilder.DropColumn(
                name: "ForCarers",
                table: "DropInSession");
        }
    }
}
