using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pathway.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AlcoholCheckCounts",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Completed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlcoholCheckCounts", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "CarerContactRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    LocalAuthorityCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    ProviderCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    VoicemailOk = table.Column<bool>(type: "boolean", nullable: false),
                    SafeContactNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HandledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarerContactRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnlineSelfReferrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EpisodeId = table.Column<int>(type: "integer", nullable: false),
                    Reference = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    SubmissionHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HelpWith = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MoreDetail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    ContactBy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    VoicemailOk = table.Column<bool>(type: "boolean", nullable: false),
                    TextOk = table.Column<bool>(type: "boolean", nullable: false),
                    SafeTimes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SafeContactNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FromAlcoholCheck = table.Column<bool>(type: "boolean", nullable: false),
                    AuditCScore = table.Column<int>(type: "integer", nullable: true),
                    AuditScore = table.Column<int>(type: "integer", nullable: true)
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
                    District = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    LocalAuthorityCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostcodeDistricts", x => x.District);
                });

            migrationBuilder.CreateTable(
                name: "SelfReferralDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Answers = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false)
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
