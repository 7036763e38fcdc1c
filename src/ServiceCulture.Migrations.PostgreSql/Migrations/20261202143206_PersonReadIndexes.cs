using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceCulture.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PersonReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecognitionRecipients_RecipientId",
                table: "RecognitionRecipients");

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "RecognitionRecipients",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAt",
                table: "RecognitionRecipients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Elements",
                table: "RecognitionRecipients",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing recipients take their recognition's copies before the index is built on them.
            migrationBuilder.Sql("UPDATE \"RecognitionRecipients\" SET \"CreatedAt\" = r.\"CreatedAt\", \"Elements\" = r.\"Elements\", \"DeletedAt\" = r.\"DeletedAt\" FROM \"Recognitions\" AS r WHERE r.\"Id\" = \"RecognitionRecipients\".\"RecognitionId\";");

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionRecipients_Received",
                table: "RecognitionRecipients",
                columns: new[] { "RecipientId", "CreatedAt", "RecognitionId", "Elements", "DeletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Moments_AuthorElements",
                table: "Moments",
                columns: new[] { "AuthorId", "Elements", "Visibility", "AuthorTeamId", "DeletedAt", "HiddenAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecognitionRecipients_Received",
                table: "RecognitionRecipients");

            migrationBuilder.DropIndex(
                name: "IX_Moments_AuthorElements",
                table: "Moments");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "RecognitionRecipients");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "RecognitionRecipients");

            migrationBuilder.DropColumn(
                name: "Elements",
                table: "RecognitionRecipients");

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionRecipients_RecipientId",
                table: "RecognitionRecipients",
                column: "RecipientId");
        }
    }
}
