using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceCulture.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ExactPeriodRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PointsLedger_At",
                table: "PointsLedger",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLedger_Source",
                table: "PointsLedger",
                column: "Source");

            // A race could leave a pair with two open flags; the first one stays.
            migrationBuilder.Sql("DELETE FROM \"PairFlags\" WHERE \"ReviewedAt\" IS NULL AND \"Id\" NOT IN (SELECT MIN(\"Id\") FROM \"PairFlags\" WHERE \"ReviewedAt\" IS NULL GROUP BY \"FirstId\", \"SecondId\");");

            migrationBuilder.CreateIndex(
                name: "IX_PairFlags_Open",
                table: "PairFlags",
                columns: new[] { "FirstId", "SecondId" },
                unique: true,
                filter: "\"ReviewedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PointsLedger_At",
                table: "PointsLedger");

            migrationBuilder.DropIndex(
                name: "IX_PointsLedger_Source",
                table: "PointsLedger");

            migrationBuilder.DropIndex(
                name: "IX_PairFlags_Open",
                table: "PairFlags");
        }
    }
}
