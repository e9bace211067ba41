using Kindred.Data.Counting;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Data;

/// <summary>The one provider-neutral model. Provider specifics live in Kindred.Data.Sqlite and Kindred.Data.Postgres.</summary>
public class KindredDbContext(DbContextOptions<KindredDbContext> options)
    : IdentityUserContext<User, long>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<InstanceRule> InstanceRules => Set<InstanceRule>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AccountField> AccountFields => Set<AccountField>();
    public DbSet<AccountTag> AccountTags => Set<AccountTag>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<FollowRequest> FollowRequests => Set<FollowRequest>();
    public DbSet<Block> Blocks => Set<Block>();
    public DbSet<Mute> Mutes => Set<Mute>();
    public DbSet<AccountNote> AccountNotes => Set<AccountNote>();
    public DbSet<Endorsement> Endorsements => Set<Endorsement>();
    public DbSet<AccountDomainBlock> AccountDomainBlocks => Set<AccountDomainBlock>();
    public DbSet<Status> Statuses => Set<Status>();
    public DbSet<StatusMention> StatusMentions => Set<StatusMention>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<StatusTag> StatusTags => Set<StatusTag>();
    public DbSet<TagFollow> TagFollows => Set<TagFollow>();
    public DbSet<FeaturedTag> FeaturedTags => Set<FeaturedTag>();
    public DbSet<Favourite> Favourites => Set<Favourite>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<StatusEdit> StatusEdits => Set<StatusEdit>();
    public DbSet<StatusMute> StatusMutes => Set<StatusMute>();
    public DbSet<ScheduledStatus> ScheduledStatuses => Set<ScheduledStatus>();
    public DbSet<Poll> Polls => Set<Poll>();
    public DbSet<PollOption> PollOptions => Set<PollOption>();
    public DbSet<PollVote> PollVotes => Set<PollVote>();
    public DbSet<MediaAttachment> MediaAttachments => Set<MediaAttachment>();
    public DbSet<StatusEditMedia> StatusEditMedia => Set<StatusEditMedia>();
    public DbSet<HomeFeedEntry> HomeFeedEntries => Set<HomeFeedEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPermission> NotificationPermissions => Set<NotificationPermission>();
    public DbSet<NotificationPolicy> NotificationPolicies => Set<NotificationPolicy>();
    public DbSet<Marker> Markers => Set<Marker>();
    public DbSet<Announcement> Announcements => Set<Announcement>();
    public DbSet<AnnouncementDismissal> AnnouncementDismissals => Set<AnnouncementDismissal>();
    public DbSet<AnnouncementReaction> AnnouncementReactions => Set<AnnouncementReaction>();
    public DbSet<AccountList> Lists => Set<AccountList>();
    public DbSet<AccountListMember> ListMembers => Set<AccountListMember>();
    public DbSet<Filter> Filters => Set<Filter>();
    public DbSet<FilterKeyword> FilterKeywords => Set<FilterKeyword>();
    public DbSet<FilterStatus> FilterStatuses => Set<FilterStatus>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationStatus> ConversationStatuses => Set<ConversationStatus>();
    public DbSet<ConversationParticipant> ConversationParticipants => Set<ConversationParticipant>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<WebPushSubscription> WebPushSubscriptions => Set<WebPushSubscription>();
    public DbSet<WebPushKey> WebPushKeys => Set<WebPushKey>();
    public DbSet<ActorKey> ActorKeys => Set<ActorKey>();
    public DbSet<InboxActivity> InboxActivities => Set<InboxActivity>();
    public DbSet<RemoteActor> RemoteActors => Set<RemoteActor>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportedStatus> ReportedStatuses => Set<ReportedStatus>();
    public DbSet<Strike> Strikes => Set<Strike>();
    public DbSet<ModeratorNote> ModeratorNotes => Set<ModeratorNote>();
    public DbSet<EmailDomainBlock> EmailDomainBlocks => Set<EmailDomainBlock>();
    public DbSet<SignUpIpRule> SignUpIpRules => Set<SignUpIpRule>();
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupTag> GroupTags => Set<GroupTag>();
    public DbSet<GroupQuestion> GroupQuestions => Set<GroupQuestion>();
    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();
    public DbSet<GroupMembershipRequest> GroupMembershipRequests => Set<GroupMembershipRequest>();
    public DbSet<GroupBan> GroupBans => Set<GroupBan>();
    public DbSet<DigestSend> DigestSends => Set<DigestSend>();
    public DbSet<DataExport> DataExports => Set<DataExport>();
    public DbSet<AidCategory> AidCategories => Set<AidCategory>();
    public DbSet<CustomEmoji> CustomEmojis => Set<CustomEmoji>();
    public DbSet<Place> Places => Set<Place>();
    public DbSet<AidItem> AidItems => Set<AidItem>();
    public DbSet<AidResponse> AidResponses => Set<AidResponse>();
    public DbSet<AidMessage> AidMessages => Set<AidMessage>();
    public DbSet<AidThanks> AidThanks => Set<AidThanks>();
    public DbSet<AidEscalation> AidEscalations => Set<AidEscalation>();
    public DbSet<SafetyEscalation> SafetyEscalations => Set<SafetyEscalation>();
    public DbSet<ContactPause> ContactPauses => Set<ContactPause>();
    public DbSet<AidItemView> AidItemViews => Set<AidItemView>();
    public DbSet<AidHelperCategory> AidHelperCategories => Set<AidHelperCategory>();
    public DbSet<VettedHelper> VettedHelpers => Set<VettedHelper>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventQuestion> EventQuestions => Set<EventQuestion>();
    public DbSet<EventOccurrence> EventOccurrences => Set<EventOccurrence>();
    public DbSet<EventRsvp> EventRsvps => Set<EventRsvp>();
    public DbSet<EventReminderSend> EventReminderSends => Set<EventReminderSend>();
    public DbSet<InsightsSnapshot> InsightsSnapshots => Set<InsightsSnapshot>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<NodeLease> NodeLeases => Set<NodeLease>();
    public DbSet<OAuthKey> OAuthKeys => Set<OAuthKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StaffNote> StaffNotes => Set<StaffNote>();
    public DbSet<StaffNoteEdit> StaffNoteEdits => Set<StaffNoteEdit>();
    public DbSet<StaffTag> StaffTags => Set<StaffTag>();
    public DbSet<ReservedUsername> ReservedUsernames => Set<ReservedUsername>();
    public DbSet<ErasedAidItem> ErasedAidItems => Set<ErasedAidItem>();
    public DbSet<ErasedEventAnswer> ErasedEventAnswers => Set<ErasedEventAnswer>();
    public DbSet<InboxConversation> InboxConversations => Set<InboxConversation>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<SavedReply> SavedReplies => Set<SavedReply>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var auto = RefuseAuditChanges();
        try
        {
            var counts = StoredCountChanges.Collect(ChangeTracker);
            if (counts.IsEmpty)
            {
                return base.SaveChanges(acceptAllChangesOnSuccess);
            }
            // The stored counts change in the save's transaction (ADR 92): the caller's, or one of our own.
            using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            counts.Apply(this);
            own?.Commit();
            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var auto = RefuseAuditChanges();
        try
        {
            var counts = StoredCountChanges.Collect(ChangeTracker);
            if (counts.IsEmpty)
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            // The stored counts change in the save's transaction (ADR 92): the caller's, or one of our own.
            await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await counts.ApplyAsync(this, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>
    /// The audit log is append-only (ADR 56): an entry once written is never changed or removed through the model.
    /// Changes are detected once here (the save then skips its own detection, so this costs nothing extra).
    /// </summary>
    /// <returns>Whether automatic change detection was on, to restore after the save.</returns>
    private bool RefuseAuditChanges()
    {
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        if (auto)
        {
            ChangeTracker.DetectChanges();
        }
        ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                ChangeTracker.AutoDetectChangesEnabled = auto;
                throw new InvalidOperationException("Audit entries are never changed or removed.");
            }
        }
        return auto;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KindredDbContext).Assembly);
        builder.UseOpenIddict();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite hands back Unspecified, so mark it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
