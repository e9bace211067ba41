using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AccountDeletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AidConversationRetentionDays",
                table: "Organizations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AuditRetentionDays",
                table: "Organizations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EscalationNoteRetentionDays",
                table: "Organizations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExportRetentionDays",
                table: "Organizations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MemberDeletedAt",
                table: "Conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletionDueAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ErasedAidItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<long>(type: "bigint", nullable: false),
                    AreaName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Sensitive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstResponseAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasedAidItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ErasedAidItems_AidCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "AidCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ErasedEventAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    OccurrenceStartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Response = table.Column<int>(type: "integer", nullable: false),
                    CheckedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasedEventAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ErasedEventAnswers_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReservedUsernames",
                columns: table => new
                {
                    UsernameNormalized = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ReservedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReservedUsernames", x => x.UsernameNormalized);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ErasedAidItems_CategoryId",
                table: "ErasedAidItems",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ErasedAidItems_Kind_CreatedAt",
                table: "ErasedAidItems",
                columns: new[] { "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ErasedEventAnswers_EventId_OccurrenceStartsAt",
                table: "ErasedEventAnswers",
                columns: new[] { "EventId", "OccurrenceStartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ErasedAidItems");

            migrationBuilder.DropTable(
                name: "ErasedEventAnswers");

            migrationBuilder.DropTable(
                name: "ReservedUsernames");

            migrationBuilder.DropColumn(
                name: "AidConversationRetentionDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "AuditRetentionDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "EscalationNoteRetentionDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "ExportRetentionDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "MemberDeletedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "DeletionDueAt",
                table: "AspNetUsers");
        }
    }
}
