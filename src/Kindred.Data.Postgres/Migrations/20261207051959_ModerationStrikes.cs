using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ModerationStrikes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AssignedAccountId",
                table: "Reports",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetDisplayName",
                table: "Reports",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TargetUsername",
                table: "Reports",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ReportedStatuses",
                columns: table => new
                {
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    StatusId = table.Column<long>(type: "bigint", nullable: false),
                    ContentHtml = table.Column<string>(type: "text", nullable: false),
                    SpoilerText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Sensitive = table.Column<bool>(type: "boolean", nullable: false),
                    Visibility = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MediaDescriptions = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportedStatuses", x => new { x.ReportId, x.StatusId });
                    table.ForeignKey(
                        name: "FK_ReportedStatuses_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Strikes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    ModeratorId = table.Column<long>(type: "bigint", nullable: true),
                    ReportId = table.Column<long>(type: "bigint", nullable: true),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RuleIds = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    StatusIds = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UndoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UndoneById = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Strikes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Strikes_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Strikes_Accounts_ModeratorId",
                        column: x => x.ModeratorId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Strikes_Accounts_UndoneById",
                        column: x => x.UndoneById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Strikes_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_AssignedAccountId",
                table: "Reports",
                column: "AssignedAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Strikes_AccountId_Id",
                table: "Strikes",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Strikes_ModeratorId",
                table: "Strikes",
                column: "ModeratorId");

            migrationBuilder.CreateIndex(
                name: "IX_Strikes_ReportId",
                table: "Strikes",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_Strikes_UndoneById",
                table: "Strikes",
                column: "UndoneById");

            migrationBuilder.AddForeignKey(
                name: "FK_Reports_Accounts_AssignedAccountId",
                table: "Reports",
                column: "AssignedAccountId",
                principalTable: "Accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reports_Accounts_AssignedAccountId",
                table: "Reports");

            migrationBuilder.DropTable(
                name: "ReportedStatuses");

            migrationBuilder.DropTable(
                name: "Strikes");

            migrationBuilder.DropIndex(
                name: "IX_Reports_AssignedAccountId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "AssignedAccountId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "TargetDisplayName",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "TargetUsername",
                table: "Reports");
        }
    }
}
