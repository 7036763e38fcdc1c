using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceCulture.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddMoments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Moments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Story = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CustomerKind = table.Column<int>(type: "integer", nullable: false),
                    ExternalCustomer = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    CustomerEmployeeId = table.Column<int>(type: "integer", nullable: true),
                    CustomerTeamId = table.Column<int>(type: "integer", nullable: true),
                    Elements = table.Column<int>(type: "integer", nullable: false),
                    Lesson = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Visibility = table.Column<int>(type: "integer", nullable: false),
                    AuthorId = table.Column<int>(type: "integer", nullable: false),
                    AuthorTeamId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EditedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HiddenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HiddenById = table.Column<int>(type: "integer", nullable: true),
                    HiddenReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    RecoversMomentId = table.Column<long>(type: "bigint", nullable: true),
                    RecoveredById = table.Column<int>(type: "integer", nullable: true),
                    RecoveryId = table.Column<long>(type: "bigint", nullable: true),
                    RecoveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Moments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Moments_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Moments_AspNetUsers_CustomerEmployeeId",
                        column: x => x.CustomerEmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Moments_AspNetUsers_HiddenById",
                        column: x => x.HiddenById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Moments_AspNetUsers_RecoveredById",
                        column: x => x.RecoveredById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Moments_Moments_RecoversMomentId",
                        column: x => x.RecoversMomentId,
                        principalTable: "Moments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Moments_Teams_CustomerTeamId",
                        column: x => x.CustomerTeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseStudies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecoveryMomentId = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    WhatWentWrong = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    HowItWasRecovered = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    Lesson = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Elements = table.Column<int>(type: "integer", nullable: false),
                    SharedById = table.Column<int>(type: "integer", nullable: false),
                    SharedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStudies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseStudies_AspNetUsers_SharedById",
                        column: x => x.SharedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseStudies_Moments_RecoveryMomentId",
                        column: x => x.RecoveryMomentId,
                        principalTable: "Moments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MomentComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MomentId = table.Column<long>(type: "bigint", nullable: false),
                    AuthorId = table.Column<int>(type: "integer", nullable: false),
                    Body = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MomentComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MomentComments_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MomentComments_Moments_MomentId",
                        column: x => x.MomentId,
                        principalTable: "Moments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MomentReactions",
                columns: table => new
                {
                    MomentId = table.Column<long>(type: "bigint", nullable: false),
                    EmployeeId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MomentReactions", x => new { x.MomentId, x.EmployeeId, x.Kind });
                    table.ForeignKey(
                        name: "FK_MomentReactions_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MomentReactions_Moments_MomentId",
                        column: x => x.MomentId,
                        principalTable: "Moments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecoverySteps",
                columns: table => new
                {
                    MomentId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecoverySteps", x => new { x.MomentId, x.Number });
                    table.ForeignKey(
                        name: "FK_RecoverySteps_Moments_MomentId",
                        column: x => x.MomentId,
                        principalTable: "Moments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseStudyComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseStudyId = table.Column<long>(type: "bigint", nullable: false),
                    AuthorId = table.Column<int>(type: "integer", nullable: false),
                    Body = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStudyComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseStudyComments_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseStudyComments_CaseStudies_CaseStudyId",
                        column: x => x.CaseStudyId,
                        principalTable: "CaseStudies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudies_RecoveryMomentId",
                table: "CaseStudies",
                column: "RecoveryMomentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudies_SharedAt",
                table: "CaseStudies",
                column: "SharedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudies_SharedById",
                table: "CaseStudies",
                column: "SharedById");

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudyComments_AuthorId",
                table: "CaseStudyComments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudyComments_CaseStudyId_CreatedAt",
                table: "CaseStudyComments",
                columns: new[] { "CaseStudyId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MomentComments_AuthorId",
                table: "MomentComments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_MomentComments_MomentId_CreatedAt",
                table: "MomentComments",
                columns: new[] { "MomentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MomentReactions_EmployeeId",
                table: "MomentReactions",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_Moments_AuthorId_CreatedAt",
                table: "Moments",
                columns: new[] { "AuthorId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Moments_AuthorTeamId_CreatedAt",
                table: "Moments",
                columns: new[] { "AuthorTeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Moments_CreatedAt",
                table: "Moments",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Moments_CustomerEmployeeId",
                table: "Moments",
                column: "CustomerEmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_Moments_CustomerTeamId",
                table: "Moments",
                column: "CustomerTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Moments_HiddenById",
                table: "Moments",
                column: "HiddenById");

            migrationBuilder.CreateIndex(
                name: "IX_Moments_Kind_CreatedAt",
                table: "Moments",
                columns: new[] { "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Moments_Kind_RecoveryId_CreatedAt",
                table: "Moments",
                columns: new[] { "Kind", "RecoveryId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Moments_RecoveredById",
                table: "Moments",
                column: "RecoveredById");

            migrationBuilder.CreateIndex(
                name: "IX_Moments_RecoversMomentId",
                table: "Moments",
                column: "RecoversMomentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseStudyComments");

            migrationBuilder.DropTable(
                name: "MomentComments");

            migrationBuilder.DropTable(
                name: "MomentReactions");

            migrationBuilder.DropTable(
                name: "RecoverySteps");

            migrationBuilder.DropTable(
                name: "CaseStudies");

            migrationBuilder.DropTable(
                name: "Moments");
        }
    }
}
