using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceCulture.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddRecognitionAndGamification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "LeaderboardOptOut",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Allowances",
                columns: table => new
                {
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Spent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Allowances", x => new { x.EmployeeId, x.Month });
                    table.ForeignKey(
                        name: "FK_Allowances_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BadgeAwards",
                columns: table => new
                {
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AwardedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BadgeAwards", x => new { x.EmployeeId, x.Code });
                    table.ForeignKey(
                        name: "FK_BadgeAwards_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PairFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FirstId = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondId = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstToSecond = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondToFirst = table.Column<int>(type: "INTEGER", nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedById = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairFlags_AspNetUsers_FirstId",
                        column: x => x.FirstId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PairFlags_AspNetUsers_SecondId",
                        column: x => x.SecondId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsDays",
                columns: table => new
                {
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Focus = table.Column<int>(type: "INTEGER", nullable: false),
                    Defined = table.Column<int>(type: "INTEGER", nullable: false),
                    GivenLife = table.Column<int>(type: "INTEGER", nullable: false),
                    ProblemSolving = table.Column<int>(type: "INTEGER", nullable: false),
                    Measured = table.Column<int>(type: "INTEGER", nullable: false),
                    Reinforced = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsDays", x => new { x.EmployeeId, x.Day });
                    table.ForeignKey(
                        name: "FK_PointsDays_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PointsLedger",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Elements = table.Column<int>(type: "INTEGER", nullable: false),
                    OnLeaderboard = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsLedger", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointsLedger_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsTotals",
                columns: table => new
                {
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaderboardPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    Focus = table.Column<int>(type: "INTEGER", nullable: false),
                    Defined = table.Column<int>(type: "INTEGER", nullable: false),
                    GivenLife = table.Column<int>(type: "INTEGER", nullable: false),
                    ProblemSolving = table.Column<int>(type: "INTEGER", nullable: false),
                    Measured = table.Column<int>(type: "INTEGER", nullable: false),
                    Reinforced = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsTotals", x => x.EmployeeId);
                    table.ForeignKey(
                        name: "FK_PointsTotals_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Recognitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GiverId = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Elements = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    RelatedMomentId = table.Column<long>(type: "INTEGER", nullable: true),
                    IsQuiet = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recognitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recognitions_AspNetUsers_GiverId",
                        column: x => x.GiverId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recognitions_Moments_RelatedMomentId",
                        column: x => x.RelatedMomentId,
                        principalTable: "Moments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "StreakPauses",
                columns: table => new
                {
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StreakPauses", x => new { x.EmployeeId, x.WeekStart });
                    table.ForeignKey(
                        name: "FK_StreakPauses_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionRecipients",
                columns: table => new
                {
                    RecognitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecipientId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionRecipients", x => new { x.RecognitionId, x.RecipientId });
                    table.ForeignKey(
                        name: "FK_RecognitionRecipients_AspNetUsers_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecognitionRecipients_Recognitions_RecognitionId",
                        column: x => x.RecognitionId,
                        principalTable: "Recognitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmployeeId_Key",
                table: "Notifications",
                columns: new[] { "EmployeeId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmployeeId_ReadAt_CreatedAt",
                table: "Notifications",
                columns: new[] { "EmployeeId", "ReadAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PairFlags_FirstId_SecondId_ReviewedAt",
                table: "PairFlags",
                columns: new[] { "FirstId", "SecondId", "ReviewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PairFlags_SecondId",
                table: "PairFlags",
                column: "SecondId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsDays_Day",
                table: "PointsDays",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLedger_EmployeeId_At",
                table: "PointsLedger",
                columns: new[] { "EmployeeId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsLedger_EmployeeId_Reason_Source",
                table: "PointsLedger",
                columns: new[] { "EmployeeId", "Reason", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PointsTotals_LeaderboardPoints",
                table: "PointsTotals",
                column: "LeaderboardPoints");

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionRecipients_RecipientId",
                table: "RecognitionRecipients",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_CreatedAt",
                table: "Recognitions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_GiverId_CreatedAt",
                table: "Recognitions",
                columns: new[] { "GiverId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_GiverId_RequestId",
                table: "Recognitions",
                columns: new[] { "GiverId", "RequestId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_RelatedMomentId",
                table: "Recognitions",
                column: "RelatedMomentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Allowances");

            migrationBuilder.DropTable(
                name: "BadgeAwards");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PairFlags");

            migrationBuilder.DropTable(
                name: "PointsDays");

            migrationBuilder.DropTable(
                name: "PointsLedger");

            migrationBuilder.DropTable(
                name: "PointsTotals");

            migrationBuilder.DropTable(
                name: "RecognitionRecipients");

            migrationBuilder.DropTable(
                name: "Settings");

            migrationBuilder.DropTable(
                name: "StreakPauses");

            migrationBuilder.DropTable(
                name: "Recognitions");

            migrationBuilder.DropColumn(
                name: "LeaderboardOptOut",
                table: "AspNetUsers");
        }
    }
}
