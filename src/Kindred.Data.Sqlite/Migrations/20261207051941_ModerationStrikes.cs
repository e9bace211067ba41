using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetDisplayName",
                table: "Reports",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TargetUsername",
                table: "Reports",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ReportedStatuses",
                columns: table => new
                {
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentHtml = table.Column<string>(type: "TEXT", nullable: false),
                    SpoilerText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Sensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PostedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MediaDescriptions = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    ModeratorId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RuleIds = table.Column<string>(type: "TEXT", nullable: false),
                    StatusIds = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UndoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UndoneById = table.Column<long>(type: "INTEGER", nullable: true)
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
