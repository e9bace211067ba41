using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Fed18 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Uri",
                table: "Statuses",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RemoteActors",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    ActorUri = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Inbox = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    SharedInbox = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    ProfileUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    FetchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemoteActors", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_RemoteActors_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Statuses_Uri",
                table: "Statuses",
                column: "Uri",
                unique: true,
                filter: "\"Uri\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RemoteActors_ActorUri",
                table: "RemoteActors",
                column: "ActorUri",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RemoteActors");

            migrationBuilder.DropIndex(
                name: "IX_Statuses_Uri",
                table: "Statuses");

            migrationBuilder.DropColumn(
                name: "Uri",
                table: "Statuses");
        }
    }
}
