using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GroupStrikes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "GroupId",
                table: "Strikes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Strikes_GroupId",
                table: "Strikes",
                column: "GroupId");

            migrationBuilder.AddForeignKey(
                name: "FK_Strikes_Groups_GroupId",
                table: "Strikes",
                column: "GroupId",
                principalTable: "Groups",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Strikes_Groups_GroupId",
                table: "Strikes");

            migrationBuilder.DropIndex(
                name: "IX_Strikes_GroupId",
                table: "Strikes");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "Strikes");
        }
    }
}
