using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceCulture.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PointsMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PointsMonths",
                columns: table => new
                {
                    EmployeeId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Points = table.Column<int>(type: "int", nullable: false),
                    Focus = table.Column<int>(type: "int", nullable: false),
                    Defined = table.Column<int>(type: "int", nullable: false),
                    GivenLife = table.Column<int>(type: "int", nullable: false),
                    ProblemSolving = table.Column<int>(type: "int", nullable: false),
                    Measured = table.Column<int>(type: "int", nullable: false),
                    Reinforced = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsMonths", x => new { x.EmployeeId, x.Month });
                    table.ForeignKey(
                        name: "FK_PointsMonths_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PointsMonths_Month",
                table: "PointsMonths",
                column: "Month");

            // The months follow from the days already kept.
            migrationBuilder.Sql("INSERT INTO [PointsMonths] ([EmployeeId], [Month], [Points], [Focus], [Defined], [GivenLife], [ProblemSolving], [Measured], [Reinforced]) SELECT [EmployeeId], DATEFROMPARTS(YEAR([Day]), MONTH([Day]), 1), SUM([Points]), SUM([Focus]), SUM([Defined]), SUM([GivenLife]), SUM([ProblemSolving]), SUM([Measured]), SUM([Reinforced]) FROM [PointsDays] GROUP BY [EmployeeId], DATEFROMPARTS(YEAR([Day]), MONTH([Day]), 1);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PointsMonths");
        }
    }
}
