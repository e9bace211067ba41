using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DistanceOrigin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "DistanceLatitude",
                table: "Accounts",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "DistanceLongitude",
                table: "Accounts",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HomeMovedAt",
                table: "Accounts",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DistanceLatitude",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "DistanceLongitude",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "HomeMovedAt",
                table: "Accounts");
        }
    }
}
