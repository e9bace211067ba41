using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SignUpGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SignUpIpRetentionDays",
                table: "Organizations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignUpIp",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 45,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EmailDomainBlocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailDomainBlocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmailDomainBlocks_Accounts_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ModeratorNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<long>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModeratorNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModeratorNotes_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ModeratorNotes_Accounts_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "SignUpIpRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignUpIpRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignUpIpRules_Accounts_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_SignUpIp_CreatedAt",
                table: "AspNetUsers",
                columns: new[] { "SignUpIp", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EmailDomainBlocks_CreatedById",
                table: "EmailDomainBlocks",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_EmailDomainBlocks_Domain",
                table: "EmailDomainBlocks",
                column: "Domain",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModeratorNotes_AccountId_Id",
                table: "ModeratorNotes",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ModeratorNotes_AuthorId",
                table: "ModeratorNotes",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_SignUpIpRules_CreatedById",
                table: "SignUpIpRules",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SignUpIpRules_Network",
                table: "SignUpIpRules",
                column: "Network",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailDomainBlocks");

            migrationBuilder.DropTable(
                name: "ModeratorNotes");

            migrationBuilder.DropTable(
                name: "SignUpIpRules");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_SignUpIp_CreatedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SignUpIpRetentionDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "SignUpIp",
                table: "AspNetUsers");
        }
    }
}
