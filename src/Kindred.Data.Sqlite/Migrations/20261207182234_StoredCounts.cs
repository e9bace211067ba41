using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StoredCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FavouritesCount",
                table: "Statuses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StatusesCount",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing rows get their counts (ADR 92); only posts with favourites are written.
            migrationBuilder.Sql("""
                UPDATE "Accounts" SET "StatusesCount" = (SELECT COUNT(*) FROM "Statuses" AS s WHERE s."AccountId" = "Accounts"."Id" AND s."DeletedAt" IS NULL);
                UPDATE "Statuses" SET "FavouritesCount" = (SELECT COUNT(*) FROM "Favourites" AS f WHERE f."StatusId" = "Statuses"."Id")
                WHERE EXISTS (SELECT 1 FROM "Favourites" AS f WHERE f."StatusId" = "Statuses"."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FavouritesCount",
                table: "Statuses");

            migrationBuilder.DropColumn(
                name: "StatusesCount",
                table: "Accounts");
        }
    }
}
