using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceCulture.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Reporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutcomeMeasures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TeamId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Csat = table.Column<double>(type: "float", nullable: true),
                    Nps = table.Column<int>(type: "int", nullable: true),
                    Retention = table.Column<double>(type: "float", nullable: true),
                    Referrals = table.Column<int>(type: "int", nullable: true),
                    Complaints = table.Column<int>(type: "int", nullable: true),
                    RecordedById = table.Column<int>(type: "int", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeMeasures_AspNetUsers_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeMeasures_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReportSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Scope = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TeamId = table.Column<int>(type: "int", nullable: true),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Figures = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RaterId = table.Column<int>(type: "int", nullable: false),
                    RaterTeamId = table.Column<int>(type: "int", nullable: true),
                    RatedTeamId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Focus = table.Column<int>(type: "int", nullable: true),
                    Defined = table.Column<int>(type: "int", nullable: true),
                    GivenLife = table.Column<int>(type: "int", nullable: true),
                    ProblemSolving = table.Column<int>(type: "int", nullable: true),
                    Measured = table.Column<int>(type: "int", nullable: true),
                    Reinforced = table.Column<int>(type: "int", nullable: true),
                    Comment = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    MomentId = table.Column<long>(type: "bigint", nullable: true),
                    RatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRatings_AspNetUsers_RaterId",
                        column: x => x.RaterId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRatings_Teams_RatedTeamId",
                        column: x => x.RatedTeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRatings_Teams_RaterTeamId",
                        column: x => x.RaterTeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeMeasures_Month",
                table: "OutcomeMeasures",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeMeasures_RecordedById",
                table: "OutcomeMeasures",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeMeasures_TeamId_Month",
                table: "OutcomeMeasures",
                columns: new[] { "TeamId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportSnapshots_Month",
                table: "ReportSnapshots",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_ReportSnapshots_Scope_Month",
                table: "ReportSnapshots",
                columns: new[] { "Scope", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatings_Month_RaterTeamId",
                table: "ServiceRatings",
                columns: new[] { "Month", "RaterTeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatings_RatedTeamId_Month",
                table: "ServiceRatings",
                columns: new[] { "RatedTeamId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatings_RaterId_RatedTeamId_Month",
                table: "ServiceRatings",
                columns: new[] { "RaterId", "RatedTeamId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatings_RaterTeamId",
                table: "ServiceRatings",
                column: "RaterTeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomeMeasures");

            migrationBuilder.DropTable(
                name: "ReportSnapshots");

            migrationBuilder.DropTable(
                name: "ServiceRatings");
        }
    }
}
