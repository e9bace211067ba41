using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Appeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Appeals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    StrikeId = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeciderId = table.Column<long>(type: "bigint", nullable: true),
                    Approved = table.Column<bool>(type: "boolean", nullable: false),
                    Reply = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appeals_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Appeals_Accounts_DeciderId",
                        column: x => x.DeciderId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Appeals_Strikes_StrikeId",
                        column: x => x.StrikeId,
                        principalTable: "Strikes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_AccountId",
                table: "Appeals",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_DecidedAt_Id",
                table: "Appeals",
                columns: new[] { "DecidedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_DeciderId",
                table: "Appeals",
                column: "DeciderId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_StrikeId",
                table: "Appeals",
                column: "StrikeId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Appeals");
        }
    }
}
