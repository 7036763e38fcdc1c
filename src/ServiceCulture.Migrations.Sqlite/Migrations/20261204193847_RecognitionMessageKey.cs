using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceCulture.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RecognitionMessageKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MessageKey",
                table: "Recognitions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_GiverId_MessageKey",
                table: "Recognitions",
                columns: new[] { "GiverId", "MessageKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recognitions_GiverId_MessageKey",
                table: "Recognitions");

            migrationBuilder.DropColumn(
                name: "MessageKey",
                table: "Recognitions");
        }
    }
}
