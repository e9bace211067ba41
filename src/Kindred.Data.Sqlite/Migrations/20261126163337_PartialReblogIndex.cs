using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PartialReblogIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Statuses_ReblogOfId_AccountId",
                table: "Statuses");

            migrationBuilder.CreateIndex(
                name: "IX_Statuses_ReblogOfId_AccountId",
                table: "Statuses",
                columns: new[] { "ReblogOfId", "AccountId" },
                filter: "\"ReblogOfId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Statuses_ReblogOfId_AccountId",
                table: "Statuses");

            migrationBuilder.CreateIndex(
                name: "IX_Statuses_ReblogOfId_AccountId",
                table: "Statuses",
                columns: new[] { "ReblogOfId", "AccountId" });
        }
    }
}
