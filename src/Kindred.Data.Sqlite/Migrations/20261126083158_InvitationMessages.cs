using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InvitationMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_CreatedById",
                table: "Invitations");

            migrationBuilder.AddColumn<string>(
                name: "Message",
                table: "Invitations",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_CreatedById_CreatedAt",
                table: "Invitations",
                columns: new[] { "CreatedById", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_InvitationId",
                table: "AspNetUsers",
                column: "InvitationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_CreatedById_CreatedAt",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_InvitationId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Message",
                table: "Invitations");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_CreatedById",
                table: "Invitations",
                column: "CreatedById");
        }
    }
}
