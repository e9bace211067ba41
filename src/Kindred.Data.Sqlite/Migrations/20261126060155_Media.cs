using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Media : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MediaAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusId = table.Column<long>(type: "INTEGER", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    File = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    FileSize = table.Column<long>(type: "INTEGER", nullable: false),
                    ThumbnailFile = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ThumbnailWidth = table.Column<int>(type: "INTEGER", nullable: false),
                    ThumbnailHeight = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1500, nullable: true),
                    FocusX = table.Column<double>(type: "REAL", nullable: false),
                    FocusY = table.Column<double>(type: "REAL", nullable: false),
                    Blurhash = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UnattachedSince = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediaAttachments_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MediaAttachments_Statuses_StatusId",
                        column: x => x.StatusId,
                        principalTable: "Statuses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "StatusEditMedia",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusEditId = table.Column<long>(type: "INTEGER", nullable: false),
                    MediaAttachmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusEditMedia", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatusEditMedia_MediaAttachments_MediaAttachmentId",
                        column: x => x.MediaAttachmentId,
                        principalTable: "MediaAttachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatusEditMedia_StatusEdits_StatusEditId",
                        column: x => x.StatusEditId,
                        principalTable: "StatusEdits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MediaAttachments_AccountId",
                table: "MediaAttachments",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaAttachments_StatusId_Position",
                table: "MediaAttachments",
                columns: new[] { "StatusId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_MediaAttachments_UnattachedSince",
                table: "MediaAttachments",
                column: "UnattachedSince");

            migrationBuilder.CreateIndex(
                name: "IX_StatusEditMedia_MediaAttachmentId",
                table: "StatusEditMedia",
                column: "MediaAttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_StatusEditMedia_StatusEditId_Position",
                table: "StatusEditMedia",
                columns: new[] { "StatusEditId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatusEditMedia");

            migrationBuilder.DropTable(
                name: "MediaAttachments");
        }
    }
}
