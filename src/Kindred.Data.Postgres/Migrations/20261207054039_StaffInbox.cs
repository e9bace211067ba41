using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StaffInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InboxConversations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    FirstStatusId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WaitingSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastMessageAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastStatusId = table.Column<long>(type: "bigint", nullable: false),
                    SnoozedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssignedToId = table.Column<long>(type: "bigint", nullable: true),
                    FirstAnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReplyingId = table.Column<long>(type: "bigint", nullable: true),
                    ReplyingUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxConversations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxConversations_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InboxConversations_Accounts_AssignedToId",
                        column: x => x.AssignedToId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_InboxConversations_Accounts_ReplyingId",
                        column: x => x.ReplyingId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_InboxConversations_Statuses_FirstStatusId",
                        column: x => x.FirstStatusId,
                        principalTable: "Statuses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    AuthorId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EditedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedReplies_Accounts_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InboxMessages",
                columns: table => new
                {
                    StatusId = table.Column<long>(type: "bigint", nullable: false),
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    FromOrganization = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => x.StatusId);
                    table.ForeignKey(
                        name: "FK_InboxMessages_InboxConversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "InboxConversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InboxMessages_Statuses_StatusId",
                        column: x => x.StatusId,
                        principalTable: "Statuses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboxConversations_AccountId",
                table: "InboxConversations",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxConversations_AssignedToId",
                table: "InboxConversations",
                column: "AssignedToId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxConversations_FirstStatusId",
                table: "InboxConversations",
                column: "FirstStatusId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxConversations_OpenedAt",
                table: "InboxConversations",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_InboxConversations_ReplyingId",
                table: "InboxConversations",
                column: "ReplyingId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxConversations_State_WaitingSince",
                table: "InboxConversations",
                columns: new[] { "State", "WaitingSince" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_ConversationId_StatusId",
                table: "InboxMessages",
                columns: new[] { "ConversationId", "StatusId" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedReplies_AuthorId",
                table: "SavedReplies",
                column: "AuthorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboxMessages");

            migrationBuilder.DropTable(
                name: "SavedReplies");

            migrationBuilder.DropTable(
                name: "InboxConversations");
        }
    }
}
