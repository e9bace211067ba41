using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PartialPinnedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Statuses_AccountId_PinnedAt",
                table: "Statuses");

            migrationBuilder.CreateIndex(
                name: "IX_Statuses_AccountId_PinnedAt",
                table: "Statuses",
                columns: new[] { "AccountId", "PinnedAt" },
                filter: "\"PinnedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Statuses_AccountId_PinnedAt",
                table: "Statuses");

            migrationBuilder.CreateIndex(
                name: "IX_Statuses_AccountId_PinnedAt",
                table: "Statuses",
                columns: new[] { "AccountId", "PinnedAt" });
        }
    }
}
