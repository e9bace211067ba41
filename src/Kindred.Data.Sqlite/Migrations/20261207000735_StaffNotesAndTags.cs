using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StaffNotesAndTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StaffNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EditedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EditedById = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffNotes_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffNotes_Accounts_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StaffNotes_Accounts_EditedById",
                        column: x => x.EditedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffTags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameNormalized = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AddedById = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RemovedById = table.Column<long>(type: "INTEGER", nullable: true),
                    RemovedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffTags_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffTags_Accounts_AddedById",
                        column: x => x.AddedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StaffTags_Accounts_RemovedById",
                        column: x => x.RemovedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffNoteEdits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    NoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    OldText = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    EditedById = table.Column<long>(type: "INTEGER", nullable: false),
                    EditedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffNoteEdits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffNoteEdits_Accounts_EditedById",
                        column: x => x.EditedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StaffNoteEdits_StaffNotes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "StaffNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StaffNoteEdits_EditedById",
                table: "StaffNoteEdits",
                column: "EditedById");

            migrationBuilder.CreateIndex(
                name: "IX_StaffNoteEdits_NoteId_Id",
                table: "StaffNoteEdits",
                columns: new[] { "NoteId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotes_AccountId_Id",
                table: "StaffNotes",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotes_AuthorId",
                table: "StaffNotes",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotes_EditedById",
                table: "StaffNotes",
                column: "EditedById");

            migrationBuilder.CreateIndex(
                name: "IX_StaffTags_AccountId_Id",
                table: "StaffTags",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffTags_AddedById",
                table: "StaffTags",
                column: "AddedById");

            migrationBuilder.CreateIndex(
                name: "IX_StaffTags_NameNormalized_RemovedAt_AccountId",
                table: "StaffTags",
                columns: new[] { "NameNormalized", "RemovedAt", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffTags_RemovedById",
                table: "StaffTags",
                column: "RemovedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffNoteEdits");

            migrationBuilder.DropTable(
                name: "StaffTags");

            migrationBuilder.DropTable(
                name: "StaffNotes");
        }
    }
}
