using Kindred.Core.Accounts;
using Kindred.Core.Aid;
using Kindred.Core.Announcements;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Kindred.Core.Conversations;
using Kindred.Core.CustomEmojis;
using Kindred.Core.Deletion;
using Kindred.Core.Demo;
using Kindred.Core.Digests;
using Kindred.Core.Events;
using Kindred.Core.Exports;
using Kindred.Core.Federation;
using Kindred.Core.Filters;
using Kindred.Core.Groups;
using Kindred.Core.Imports;
using Kindred.Core.Inbox;
using Kindred.Core.Insights;
using Kindred.Core.Invitations;
using Kindred.Core.Jobs;
using Kindred.Core.Lists;
using Kindred.Core.Markers;
using Kindred.Core.Media;
using Kindred.Core.Moderation;
using Kindred.Core.Notifications;
using Kindred.Core.Organizations;
using Kindred.Core.Peers;
using Kindred.Core.Places;
using Kindred.Core.Polls;
using Kindred.Core.Preferences;
using Kindred.Core.PublicFace;
using Kindred.Core.Push;
using Kindred.Core.Relationships;
using Kindred.Core.Reports;
using Kindred.Core.Safety;
using Kindred.Core.Search;
using Kindred.Core.Setup;
using Kindred.Core.Staff;
using Kindred.Core.Statuses;
using Kindred.Core.Streaming;
using Kindred.Core.Tags;
using Kindred.Core.Timelines;
using Kindred.Core.Trends;
using Kindred.Data;
using Kindred.Data.Postgres;
using Kindred.Data.Postgres.Search;
using Kindred.Data.Search;
using Kindred.Data.Sqlite;
using Kindred.Data.Sqlite.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

public static class CoreServices
{
    /// <summary>Options, the database and the core services: everything both the web host and the command line need.</summary>
    public static IHostApplicationBuilder AddKindredCore(this IHostApplicationBuilder builder)
    {
        UseShippedSettings(builder);
        var services = builder.Services;
        services.AddOptions<KindredOptions>().Bind(builder.Configuration.GetSection(KindredOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KindredOptions>>().Value.Smtp);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<KindredDbContext>((sp, options) =>
        {
            var kindred = sp.GetRequiredService<IOptions<KindredOptions>>().Value;
            ConfigureDatabase(options, kindred);
            options.AddInterceptors(sp.GetRequiredService<AfterCommitPublisher>());
        });
        services.AddSingleton<SetupState>();
        services.AddSingleton<LargeCountCache>();
        services.AddSingleton<HomeFeedTrims>();
        services.AddSingleton<GroupSuggestionCache>();
        services.AddScoped<StatusPrefetch>();
        services.AddSingleton<IMediaStore>(sp => MediaStores.Create(sp.GetRequiredService<IOptions<KindredOptions>>().Value));
        services.AddSingleton<StatusPartsCache>();
        services.AddSingleton<MediaStorage>();
        services.AddScoped<SetupService>();
        // The writers other services call inside their own SaveChanges, on the same scoped DbContext (ADR 62).
        services.AddScoped<Notify>();
        services.AddOptions<PushOptions>().Bind(builder.Configuration.GetSection(PushOptions.Section));
        services.AddSingleton<WebPushKeys>();
        services.AddSingleton<PushDelivery>();
        services.AddScoped<PushSubscriptionService>();
        services.AddScoped<SafeguardingAlerts>();
        services.AddScoped<HomeFeed>();
        services.AddScoped<StatusMedia>();
        services.AddScoped<ConversationFeed>();
        services.AddScoped<GroupInvitations>();
        services.AddSingleton<OrganizationSettings>();
        services.AddScoped<OrganizationAccounts>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<RetentionService>();
        services.AddScoped<OrganizationVoice>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<AccountService>();
        services.AddScoped<SignUpGuard>();
        services.AddScoped<SignUpDefences>();
        services.AddScoped<StaffConsole>();
        services.AddScoped<OrganizationInbox>();
        services.AddScoped<InboxQueries>();
        services.AddScoped<InboxService>();
        services.AddScoped<SavedReplyService>();
        services.AddScoped<PeopleQueries>();
        services.AddScoped<SupporterQueries>();
        services.AddScoped<StaffNoteQueries>();
        services.AddScoped<StaffNoteService>();
        services.AddScoped<ExportService>();
        services.AddScoped<ExportArchive>();
        services.AddScoped<ExportActivityStreams>();
        services.AddScoped<ExportCsvFiles>();
        services.AddScoped<ExportKindredData>();
        services.AddScoped<ImportService>();
        // Where views of people are recorded; the audit log replaces this registration (ADR 59).
        services.AddScoped<IPeopleAudit, AuditedPeopleAudit>();
        services.AddScoped<AccountAccess>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<AccountEraser>();
        services.AddScoped<ConnectedAppQueries>();
        services.AddSingleton<TokenUses>();
        services.AddScoped<ProfileService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<SignUpService>();
        services.AddScoped<InvitationQueries>();
        services.AddScoped<InvitationEmails>();
        services.AddScoped<RelationshipQueries>();
        services.AddScoped<RelationshipService>();
        services.AddScoped<AccountDomainBlocks>();
        services.AddScoped<AccountSuggestions>();
        services.AddScoped<GroupDirectory>();
        services.AddScoped<Kindred.Core.Welcome.WelcomeQueries>();
        services.AddScoped<Kindred.Core.Welcome.WelcomeService>();
        services.AddScoped<AidService>();
        services.AddScoped<AidQueries>();
        services.AddScoped<AidCategories>();
        services.AddScoped<CustomEmojiQueries>();
        services.AddScoped<CustomEmojiService>();
        services.AddScoped<PlaceQueries>();
        services.AddScoped<PlaceService>();
        // A typed client: made only when a service asks for it, and it sends nothing unless a geocoder URL is set.
        services.AddHttpClient<PlaceGeocoder>();
        services.AddScoped<AidExpiry>();
        services.AddOptions<AidExpiryOptions>().Bind(builder.Configuration.GetSection(AidExpiryOptions.Section));
        services.AddScoped<AidResponseService>();
        services.AddScoped<AidConversationQueries>();
        services.AddScoped<AidEscalationQueries>();
        services.AddOptions<AidResponseOptions>().Bind(builder.Configuration.GetSection(AidResponseOptions.Section));
        services.AddOptions<AidSafeguardingOptions>().Bind(builder.Configuration.GetSection(AidSafeguardingOptions.Section));
        services.AddScoped<AidRoleService>();
        services.AddScoped<AidHelpingService>();
        services.AddScoped<AidMatching>();
        services.AddScoped<AidFigures>();
        services.AddOptions<InsightsOptions>().Bind(builder.Configuration.GetSection(InsightsOptions.Section));
        services.AddScoped<InsightsCalculator>();
        services.AddScoped<InsightsService>();
        services.AddScoped<AidAuditQueries>();
        services.AddScoped<AidSearch>();
        services.AddScoped<AidSearchBackfill>();
        services.AddScoped<EventService>();
        services.AddScoped<OrganizerQuestions>();
        services.AddScoped<EventQueries>();
        services.AddScoped<CalendarFeedService>();
        services.AddScoped<CalendarQueries>();
        services.AddScoped<EventReminderService>();
        services.AddScoped<StatusService>();
        services.AddScoped<StatusQueries>();
        services.AddScoped<StatusMutes>();
        services.AddScoped<ScheduledStatusService>();
        services.AddScoped<PublicQueries>();
        services.AddScoped<InstanceStatistics>();
        services.AddScoped<ActorKeys>();
        services.AddScoped<ActorQueries>();
        services.AddScoped<FederatedEvents>();
        services.AddSingleton<FederationHttp>();
        services.AddSingleton<RemoteKeyCache>();
        services.AddScoped<RemoteKeys>();
        services.AddScoped<InboxSignatures>();
        services.AddScoped<FederationInbox>();
        services.AddSingleton<LocalActors>();
        services.AddSingleton<DeliveryCircuit>();
        services.AddScoped<RemoteAccounts>();
        services.AddScoped<FederationOutbox>();
        services.AddScoped<PollService>();
        services.AddScoped<PollQueries>();
        services.AddScoped<NotificationQueries>();
        services.AddScoped<InstantEmailService>();
        services.AddSingleton<InstantEmailTokens>();
        services.AddOptions<InstantEmailOptions>().Bind(builder.Configuration.GetSection(InstantEmailOptions.Section));
        services.AddScoped<NotificationService>();
        services.AddScoped<NotificationGroupQueries>();
        services.AddScoped<NotificationRequestQueries>();
        services.AddScoped<NotificationRequestService>();
        services.AddScoped<NotificationPolicyService>();
        services.AddScoped<MarkerService>();
        services.AddScoped<TagQueries>();
        services.AddScoped<TagService>();
        services.AddScoped<TrendQueries>();
        services.AddScoped<DirectoryQueries>();
        services.AddScoped<PreferenceService>();
        services.AddScoped<ReportService>();
        services.AddScoped<SafetyService>();
        services.AddScoped<SafetyQueries>();
        services.AddScoped<ReportQueries>();
        services.AddScoped<ModerationService>();
        services.AddScoped<ModeratorNoteService>();
        services.AddScoped<AppealService>();
        services.AddScoped<ModerationQueries>();
        services.AddScoped<GroupReports>();
        services.AddScoped<ModerationDirectory>();
        services.AddScoped<StrikeNotices>();
        services.AddScoped<ListService>();
        services.AddScoped<FilterService>();
        services.AddScoped<FilterQueries>();
        services.AddScoped<ListQueries>();
        services.AddScoped<ConversationService>();
        services.AddScoped<ConversationQueries>();
        services.AddScoped<MediaService>();
        services.AddOptions<GroupsOptions>().Bind(builder.Configuration.GetSection(GroupsOptions.Section));
        services.AddOptions<EventsOptions>().Bind(builder.Configuration.GetSection(EventsOptions.Section));
        services.AddOptions<EventRemindersOptions>().Bind(builder.Configuration.GetSection(EventRemindersOptions.Section));
        services.AddScoped<GroupService>();
        services.AddScoped<GroupQueries>();
        services.AddKindredStreaming(builder.Configuration);
        // OpenIddict's token and authorization managers: AccountAccess revokes through them, on the command line too.
        services.AddOpenIddict().AddCore(o => o.UseEntityFrameworkCore().UseDbContext<KindredDbContext>());
        // The search index is the one seam chosen by database (ADR 15).
        services.AddScoped<ISearchIndex>(sp =>
        {
            var db = sp.GetRequiredService<KindredDbContext>();
            return db.Database.IsNpgsql() ? new PostgresSearchIndex(db) : new SqliteSearchIndex(db);
        });
        services.AddScoped<SearchQueries>();
        services.AddSingleton(sp =>
        {
            var kindred = sp.GetRequiredService<IOptions<KindredOptions>>().Value;
            return new EmailSender(kindred.Smtp, kindred.FullDataDirectory, sp.GetRequiredService<ILogger<EmailSender>>());
        });
        services.AddKindredJobHandlers(builder.Configuration);
        services.AddScoped<AccountEmails>();
        services.AddScoped<DigestQueries>();
        services.AddScoped<DigestService>();
        // Needs the web host's data protection; the command line never asks for it.
        services.AddSingleton<DigestTokens>();
        services.AddOptions<AnnouncementsOptions>().Bind(builder.Configuration.GetSection(AnnouncementsOptions.Section));
        services.AddScoped<AnnouncementService>();
        services.AddScoped<AnnouncementQueries>();
        services.AddSingleton<AnnouncementTokens>();
        return builder;
    }

    /// <summary>
    /// `dotnet run` starts Kindred in the caller's directory (so ./data lands there), which is not where
    /// appsettings.json is. The copy beside the executable is then added as the lowest-priority source, so
    /// environment variables and switches still win.
    /// </summary>
    private static void UseShippedSettings(IHostApplicationBuilder builder)
    {
        var contentRootSettings = Path.Combine(builder.Environment.ContentRootPath, "appsettings.json");
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(contentRootSettings) || !File.Exists(shipped))
        {
            return;
        }
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
        });
    }

    public static void ConfigureDatabase(DbContextOptionsBuilder options, KindredOptions kindred)
    {
        switch (kindred.Database.Provider.ToLowerInvariant())
        {
            case "sqlite":
                var connection = kindred.Database.ConnectionString;
                if (string.IsNullOrWhiteSpace(connection))
                {
                    Directory.CreateDirectory(kindred.FullDataDirectory);
                    connection = SqliteDatabase.ConnectionStringFor(Path.Combine(kindred.FullDataDirectory, "kindred.db"));
                }
                SqliteDatabase.Configure(options, connection);
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(kindred.Database.ConnectionString))
                {
                    throw new InvalidOperationException("Kindred:Database:ConnectionString is required when Kindred:Database:Provider is postgres.");
                }
                PostgresDatabase.Configure(options, kindred.Database.ConnectionString);
                break;
            default:
                throw new InvalidOperationException($"Kindred:Database:Provider must be sqlite or postgres, not '{kindred.Database.Provider}'.");
        }
    }

    /// <summary>Applies pending migrations (creating the PostgreSQL database if it is missing) before the first request.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
        // Migrate checks the code's model against the last migration's snapshot, which builds the whole model from
        // OnModelCreating (0.6 s at start). When every migration is applied there is nothing for it to do, and the server
        // runs on the compiled model alone (ADR 41). Existence is asked first: on a PostgreSQL database not created yet,
        // reading its migration history would log a failed connection before Migrate creates it.
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<KindredDbContext>>();
        var pending = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync()
            ? (await db.Database.GetPendingMigrationsAsync()).Count()
            : db.Database.GetMigrations().Count();
        if (pending > 0)
        {
            await db.Database.MigrateAsync();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Applied {Count} database migrations", pending);
            }
        }
        if (await scope.ServiceProvider.GetRequiredService<ISearchIndex>().EnsureAsync())
        {
            // On SQLite a migration that alters Statuses or Accounts rebuilds the table, which drops its search triggers; a
            // fresh database goes through several. Recreated before the first request, nothing was missed, so that is
            // expected. Missing triggers without a migration in this start mean writes went unindexed (ADR 53).
            if (pending > 0)
            {
                logger.LogInformation("The search index's triggers were recreated after the migrations rebuilt a table");
            }
            else
            {
                logger.LogWarning("The search index had lost its triggers; they were recreated and the index refilled.");
            }
        }
        await scope.ServiceProvider.GetRequiredService<AidSearchBackfill>().RunAsync();
        await EnsureOrganizationAccountAsync(scope.ServiceProvider, logger);
    }

    /// <summary>
    /// A server set up before the organization had an account of its own gets one on its first start after the upgrade
    /// (ADR 55): the account needs the services (username rules, profile), which a migration cannot call.
    /// </summary>
    private static async Task EnsureOrganizationAccountAsync(IServiceProvider services, ILogger logger)
    {
        var organization = services.GetRequiredService<KindredDbContext>().Organizations;
        if (!await organization.AnyAsync(o => o.AccountId == null))
        {
            return;
        }
        try
        {
            var id = await services.GetRequiredService<OrganizationAccounts>().EnsureAsync();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Created the organization's own account {AccountId}", id);
            }
        }
        catch (DbUpdateException e)
        {
            // Another process starting at the same moment made it first; its account is the one.
            logger.LogInformation(e, "Another process created the organization's account first");
        }
    }
}
