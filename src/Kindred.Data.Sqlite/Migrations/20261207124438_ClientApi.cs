using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClientApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "TrendsOff",
                table: "Organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Filtered",
                table: "Notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "GroupKey",
                table: "Notifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ScheduledStatusId",
                table: "MediaAttachments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExpandMedia",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "ExpandSpoilers",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "InstantEmailSentThrough",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InstantEmailsOff",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PostingLanguage",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PostingSensitive",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PostingVisibility",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountDomainBlocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountDomainBlocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountDomainBlocks_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccountNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    TargetAccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountNotes_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccountNotes_Accounts_TargetAccountId",
                        column: x => x.TargetAccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomEmojis",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    Shortcode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    File = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    VisibleInPicker = table.Column<bool>(type: "INTEGER", nullable: false),
                    Disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomEmojis", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Endorsements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    TargetAccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Endorsements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Endorsements_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Endorsements_Accounts_TargetAccountId",
                        column: x => x.TargetAccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeaturedTags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    TagId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeaturedTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeaturedTags_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeaturedTags_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationPermissions",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromAccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPermissions", x => new { x.AccountId, x.FromAccountId });
                    table.ForeignKey(
                        name: "FK_NotificationPermissions_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NotificationPermissions_Accounts_FromAccountId",
                        column: x => x.FromAccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationPolicies",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    ForNotFollowing = table.Column<int>(type: "INTEGER", nullable: false),
                    ForNotFollowers = table.Column<int>(type: "INTEGER", nullable: false),
                    ForNewAccounts = table.Column<int>(type: "INTEGER", nullable: false),
                    ForPrivateMentions = table.Column<int>(type: "INTEGER", nullable: false),
                    ForLimitedAccounts = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPolicies", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_NotificationPolicies_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScheduledStatuses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Params = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FailedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduledStatuses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScheduledStatuses_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatusMutes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusMutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatusMutes_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatusMutes_Statuses_StatusId",
                        column: x => x.StatusId,
                        principalTable: "Statuses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TagFollows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    TagId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagFollows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TagFollows_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TagFollows_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebPushKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PrivateKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebPushKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebPushSubscriptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProtectedAccessToken = table.Column<string>(type: "TEXT", nullable: true),
                    SessionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    P256dh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Auth = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Alerts = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Policy = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebPushSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebPushSubscriptions_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WebPushSubscriptions_OpenIddictTokens_TokenId",
                        column: x => x.TokenId,
                        principalTable: "OpenIddictTokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WebPushSubscriptions_UserSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "UserSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AccountId_GroupKey",
                table: "Notifications",
                columns: new[] { "AccountId", "GroupKey" });

            migrationBuilder.CreateIndex(
                name: "IX_MediaAttachments_ScheduledStatusId",
                table: "MediaAttachments",
                column: "ScheduledStatusId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountDomainBlocks_AccountId_Domain",
                table: "AccountDomainBlocks",
                columns: new[] { "AccountId", "Domain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountDomainBlocks_AccountId_Id",
                table: "AccountDomainBlocks",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountNotes_AccountId_Id",
                table: "AccountNotes",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountNotes_AccountId_TargetAccountId",
                table: "AccountNotes",
                columns: new[] { "AccountId", "TargetAccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountNotes_TargetAccountId_Id",
                table: "AccountNotes",
                columns: new[] { "TargetAccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomEmojis_Shortcode",
                table: "CustomEmojis",
                column: "Shortcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Endorsements_AccountId_Id",
                table: "Endorsements",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Endorsements_AccountId_TargetAccountId",
                table: "Endorsements",
                columns: new[] { "AccountId", "TargetAccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Endorsements_TargetAccountId_Id",
                table: "Endorsements",
                columns: new[] { "TargetAccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FeaturedTags_AccountId_TagId",
                table: "FeaturedTags",
                columns: new[] { "AccountId", "TagId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeaturedTags_TagId",
                table: "FeaturedTags",
                column: "TagId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationPermissions_FromAccountId",
                table: "NotificationPermissions",
                column: "FromAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduledStatuses_AccountId_Id",
                table: "ScheduledStatuses",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ScheduledStatuses_AccountId_ScheduledAt",
                table: "ScheduledStatuses",
                columns: new[] { "AccountId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StatusMutes_AccountId_StatusId",
                table: "StatusMutes",
                columns: new[] { "AccountId", "StatusId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatusMutes_StatusId",
                table: "StatusMutes",
                column: "StatusId");

            migrationBuilder.CreateIndex(
                name: "IX_TagFollows_AccountId_Id",
                table: "TagFollows",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TagFollows_AccountId_TagId",
                table: "TagFollows",
                columns: new[] { "AccountId", "TagId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TagFollows_TagId_AccountId",
                table: "TagFollows",
                columns: new[] { "TagId", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_WebPushSubscriptions_AccountId",
                table: "WebPushSubscriptions",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_WebPushSubscriptions_SessionId",
                table: "WebPushSubscriptions",
                column: "SessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebPushSubscriptions_TokenId",
                table: "WebPushSubscriptions",
                column: "TokenId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_MediaAttachments_ScheduledStatuses_ScheduledStatusId",
                table: "MediaAttachments",
                column: "ScheduledStatusId",
                principalTable: "ScheduledStatuses",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_MediaAttachments_ScheduledStatuses_ScheduledStatusId",
                table: "MediaAttachments");

            migrationBuilder.DropTable(
                name: "AccountDomainBlocks");

            migrationBuilder.DropTable(
                name: "AccountNotes");

            migrationBuilder.DropTable(
                name: "CustomEmojis");

            migrationBuilder.DropTable(
                name: "Endorsements");

            migrationBuilder.DropTable(
                name: "FeaturedTags");

            migrationBuilder.DropTable(
                name: "NotificationPermissions");

            migrationBuilder.DropTable(
                name: "NotificationPolicies");

            migrationBuilder.DropTable(
                name: "ScheduledStatuses");

            migrationBuilder.DropTable(
                name: "StatusMutes");

            migrationBuilder.DropTable(
                name: "TagFollows");

            migrationBuilder.DropTable(
                name: "WebPushKeys");

            migrationBuilder.DropTable(
                name: "WebPushSubscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_AccountId_GroupKey",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_MediaAttachments_ScheduledStatusId",
                table: "MediaAttachments");

            migrationBuilder.DropColumn(
                name: "TrendsOff",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Filtered",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "GroupKey",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ScheduledStatusId",
                table: "MediaAttachments");

            migrationBuilder.DropColumn(
                name: "ExpandMedia",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ExpandSpoilers",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "InstantEmailSentThrough",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "InstantEmailsOff",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PostingLanguage",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PostingSensitive",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PostingVisibility",
                table: "AspNetUsers");
        }
    }
}
