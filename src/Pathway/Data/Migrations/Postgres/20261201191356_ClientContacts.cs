using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClientContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClientContacts",
                columns: table => new
                {
                    ClientRecordId = table.Column<int>(type: "integer", nullable: false),
                    AddressLine1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AddressLine2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Town = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Postcode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    ContactBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    VoicemailOk = table.Column<bool>(type: "boolean", nullable: true),
                    TextOk = table.Column<bool>(type: "boolean", nullable: true),
                    SafeTimes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SafeContactNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    GpPractice = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GpOdsCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    NextOfKinName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NextOfKinRelationship = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    NextOfKinPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Ethnicity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SexualOrientation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Religion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Disability = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DisabilityType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Pregnant = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ParentalResponsibility = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ChildrenLivingWith = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientContacts", x => x.ClientRecordId);
                    table.ForeignKey(
                        name: "FK_ClientContacts_ClientRecords_ClientRecordId",
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
                name: "ClientContacts");
        }
    }
}
