using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SafetyEscalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Mentions",
                table: "Accounts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "SafetyEscalations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    RaisedById = table.Column<long>(type: "bigint", nullable: false),
                    ConversationId = table.Column<long>(type: "bigint", nullable: true),
                    AccountId = table.Column<long>(type: "bigint", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewedById = table.Column<long>(type: "bigint", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Decision = table.Column<int>(type: "integer", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SafetyEscalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SafetyEscalations_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SafetyEscalations_Accounts_RaisedById",
                        column: x => x.RaisedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SafetyEscalations_Accounts_ReviewedById",
                        column: x => x.ReviewedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SafetyEscalations_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ContactPauses",
                columns: table => new
                {
                    EscalationId = table.Column<long>(type: "bigint", nullable: false),
                    PausedAccountId = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactPauses", x => new { x.EscalationId, x.PausedAccountId });
                    table.ForeignKey(
                        name: "FK_ContactPauses_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactPauses_Accounts_PausedAccountId",
                        column: x => x.PausedAccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactPauses_SafetyEscalations_EscalationId",
                        column: x => x.EscalationId,
                        principalTable: "SafetyEscalations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactPauses_AccountId_PausedAccountId",
                table: "ContactPauses",
                columns: new[] { "AccountId", "PausedAccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactPauses_PausedAccountId",
                table: "ContactPauses",
                column: "PausedAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyEscalations_AccountId",
                table: "SafetyEscalations",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyEscalations_ConversationId",
                table: "SafetyEscalations",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyEscalations_RaisedById",
                table: "SafetyEscalations",
                column: "RaisedById");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyEscalations_ReviewedAt_Id",
                table: "SafetyEscalations",
                columns: new[] { "ReviewedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyEscalations_ReviewedById",
                table: "SafetyEscalations",
                column: "ReviewedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactPauses");

            migrationBuilder.DropTable(
                name: "SafetyEscalations");

            migrationBuilder.DropColumn(
                name: "Mentions",
                table: "Accounts");
        }
    }
}
