using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kindred.Core.Organizations;

/// <summary>
/// Staff speaking as the organization (ADR 65): the one place that decides who may act as the organization's account
/// and that records, in the audit log, which staff member did each thing the account did. Every front door asks here:
/// the web composer and buttons through <see cref="ActAsync{T}"/>, API tokens granted "act as" through
/// <see cref="Begin"/>. Members see only the organization; staff read who sent it from the log (<see cref="SentByAsync"/>).
/// </summary>
/// <remarks>
/// Scoped, on the request's own <see cref="KindredDbContext"/>: while acting, every save of that context adds one
/// <see cref="AuditActions.OrganizationAct"/> entry per row the organization's account wrote (a post, a boost, a
/// favourite, a follow, an answer to an event …), in the same <c>SaveChanges</c> as the row, so an action and its
/// entry land together or not at all (ADR 56). Services need no extra parameter: they act for an account id as usual.
/// </remarks>
public sealed class OrganizationVoice(KindredDbContext db, AuditLog audit, OrganizationSettings settings) : IDisposable
{
    /// <summary>The rows whose writing is an action of the account, by the property that names the account.</summary>
    private static readonly Dictionary<Type, (string Kind, string Owner)> Recorded = new()
    {
        [typeof(Status)] = ("status", nameof(Status.AccountId)),
        [typeof(Favourite)] = ("favourite", nameof(Favourite.AccountId)),
        [typeof(Bookmark)] = ("bookmark", nameof(Bookmark.AccountId)),
        [typeof(Follow)] = ("follow", nameof(Follow.AccountId)),
        [typeof(FollowRequest)] = ("follow_request", nameof(FollowRequest.AccountId)),
        [typeof(Block)] = ("block", nameof(Block.AccountId)),
        [typeof(Mute)] = ("mute", nameof(Mute.AccountId)),
        [typeof(PollVote)] = ("poll_vote", nameof(PollVote.AccountId)),
        [typeof(EventRsvp)] = ("event_rsvp", nameof(EventRsvp.AccountId)),
        [typeof(Event)] = ("event", nameof(Event.OrganizerId)),
    };

    private readonly Dictionary<long, Staffer?> checkedUsers = [];
    private Acting? acting;

    /// <summary>Who is acting as the organization in this scope, while someone is.</summary>
    public long? ActingStaffId => acting?.StaffId;

    /// <summary>The organization's account id when <paramref name="userId"/> may act as it: an active member whose role
    /// is staff or above (<see cref="Roles.MayActAsOrganization"/>), read from the database on each request, so a
    /// removed role or a suspension counts at once. Null otherwise, and before setup.</summary>
    public async Task<long?> AccountForAsync(long userId, CancellationToken ct = default) =>
        (await StafferAsync(userId, ct))?.Organization.AccountId;

    /// <summary>The organization's account (id and username) for someone who may act as it, to offer "Post as"; null
    /// for everyone else. Read once per scope.</summary>
    public async Task<OrganizationIdentity?> IdentityForAsync(long userId, CancellationToken ct = default) =>
        (await StafferAsync(userId, ct))?.Organization;

    /// <summary>Like <see cref="AccountForAsync"/>, but refuses with Forbidden.</summary>
    public async Task<long> RequireAsync(long userId, CancellationToken ct = default) =>
        await AccountForAsync(userId, ct)
        ?? throw KindredException.Forbidden("Only the organization's staff may act as the organization.");

    /// <summary>
    /// Performs <paramref name="action"/> as the organization's account for <paramref name="staffId"/>: the action gets
    /// the account's id, and every row it writes is recorded as done by the staff member. Writes that bypass the change
    /// tracker (undoing a favourite or a boost deletes in SQL) get one entry of their own after the action.
    /// </summary>
    /// <param name="what">A few words for the log when no row names the action, e.g. "undid a boost of status 12".</param>
    public async Task<T> ActAsync<T>(long staffId, string what, Func<long, Task<T>> action, CancellationToken ct = default)
    {
        var organizationId = await RequireAsync(staffId, ct);
        Begin(staffId, organizationId);
        try
        {
            var result = await action(organizationId);
            await FinishAsync(what, ct);
            return result;
        }
        finally
        {
            End();
        }
    }

    /// <summary>
    /// Starts recording for the rest of the scope (or until <see cref="End"/>): an API request whose token holds the
    /// grant acts as the organization from its first line to its last. The caller has checked <see cref="AccountForAsync"/>.
    /// </summary>
    public void Begin(long staffId, long organizationId)
    {
        if (acting is not null)
        {
            throw new InvalidOperationException("Already acting as the organization in this scope.");
        }
        acting = new Acting(staffId, checkedUsers.GetValueOrDefault(staffId)?.Username ?? "", organizationId);
        db.SavingChanges += OnSaving;
    }

    /// <summary>
    /// Records an action that wrote no tracked row (a delete in SQL, a changed profile) with one entry naming
    /// <paramref name="what"/>, and saves it. Does nothing when the action's own saves recorded it already.
    /// </summary>
    public async Task FinishAsync(string what, CancellationToken ct = default)
    {
        if (acting is not { Recorded: false } current)
        {
            return;
        }
        audit.Add(current.StaffId, AuditActions.OrganizationAct, AuditTarget.Account(current.OrganizationId),
            $"@{current.Username} acted as the organization: {what}.");
        current.Recorded = true;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Who sent each of the organization's posts among <paramref name="statusIds"/>, by status id, for a viewer who is
    /// staff; empty for everyone else, so members never learn it (not even whether a post has a sender).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> SentByAsync(long? viewerId, IReadOnlyCollection<long> statusIds, CancellationToken ct = default) =>
        viewerId is not { } viewer || statusIds.Count == 0 || await AccountForAsync(viewer, ct) is null
            ? new Dictionary<long, string>()
            : await SentByQueryAsync(db, statusIds, ct);

    /// <summary>
    /// For a list of post cards, read before they render (cards render concurrently and may not share the context):
    /// the organization's account when the viewer may act as it, and who sent the organization's posts among
    /// <paramref name="statuses"/>. Nothing for everyone else. One query for a member, at most three for staff.
    /// </summary>
    public static async Task<(OrganizationIdentity? Identity, IReadOnlyDictionary<long, string> SentBy)> ForCardsAsync(
        KindredDbContext db, long? viewerId, IReadOnlyCollection<Status> statuses, CancellationToken ct = default)
    {
        var none = (default(OrganizationIdentity), (IReadOnlyDictionary<long, string>)new Dictionary<long, string>());
        if (viewerId is not { } viewer || !await MayActQueryAsync(db, viewer, ct))
        {
            return none;
        }
        var organization = await db.Organizations.AsNoTracking().Where(o => o.AccountId != null && o.AccountId != viewer)
            .Join(db.Accounts, o => o.AccountId, a => (long?)a.Id, (o, a) => new OrganizationIdentity(a.Id, a.Username))
            .FirstOrDefaultAsync(ct);
        if (organization is null)
        {
            return none;
        }
        var theirs = statuses.Where(s => s.AccountId == organization.AccountId).Select(s => s.Id).ToList();
        return (organization, theirs.Count == 0 ? new Dictionary<long, string>() : await SentByQueryAsync(db, theirs, ct));
    }

    private static Task<bool> MayActQueryAsync(KindredDbContext db, long userId, CancellationToken ct)
    {
        var roles = Enum.GetValues<UserRole>().Where(Roles.MayActAsOrganization).ToList();
        return db.Users.Active().AnyAsync(u => u.Id == userId && roles.Contains(u.Role), ct);
    }

    private static async Task<IReadOnlyDictionary<long, string>> SentByQueryAsync(KindredDbContext db, IReadOnlyCollection<long> statusIds, CancellationToken ct)
    {
        var ids = statusIds.Distinct().ToList();
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.OrganizationAct && e.TargetKind == "status" && e.TargetId != null && ids.Contains(e.TargetId.Value))
            .Join(db.Accounts, e => e.ActorId, a => (long?)a.Id, (e, a) => new { e.Id, StatusId = e.TargetId!.Value, a.Username })
            .ToListAsync(ct);
        // The first entry for a post is its writing; later ones (an edit) keep the original sender.
        return rows.GroupBy(r => r.StatusId).ToDictionary(g => g.Key, g => g.MinBy(r => r.Id)!.Username);
    }

    public void Dispose() => End();

    public void End()
    {
        if (acting is not null)
        {
            db.SavingChanges -= OnSaving;
            acting = null;
        }
    }

    private async Task<Staffer?> StafferAsync(long userId, CancellationToken ct)
    {
        if (checkedUsers.TryGetValue(userId, out var known))
        {
            return known;
        }
        var organizationId = (await settings.GetAsync(ct)).AccountId;
        Staffer? staffer = null;
        if (organizationId is { } org && org != userId)
        {
            var user = await db.Users.AsNoTracking().Active().Where(u => u.Id == userId)
                .Select(u => new { u.Role, u.UserName }).FirstOrDefaultAsync(ct);
            if (user is not null && Roles.MayActAsOrganization(user.Role))
            {
                var username = await db.Accounts.AsNoTracking().Where(a => a.Id == org).Select(a => a.Username).FirstAsync(ct);
                staffer = new Staffer(new OrganizationIdentity(org, username), user.UserName ?? "");
            }
        }
        checkedUsers[userId] = staffer;
        return staffer;
    }

    private void OnSaving(object? sender, SavingChangesEventArgs e)
    {
        if (acting is not { } current)
        {
            return;
        }
        // KindredDbContext has detected the changes already (ADR 56); the list is taken before entries are added.
        var written = db.ChangeTracker.Entries()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && Recorded.ContainsKey(entry.Metadata.ClrType)
                && entry.Property(Recorded[entry.Metadata.ClrType].Owner).CurrentValue is long owner && owner == current.OrganizationId)
            .ToList();
        foreach (var entry in written)
        {
            var kind = Recorded[entry.Metadata.ClrType].Kind;
            var id = entry.Metadata.FindProperty("Id") is null ? null : entry.Property("Id").CurrentValue as long?;
            var verb = entry.State switch
            {
                EntityState.Added => "added",
                EntityState.Deleted => "removed",
                _ => "changed",
            };
            audit.Add(current.StaffId, AuditActions.OrganizationAct, new AuditTarget(kind, id),
                $"@{current.Username} acted as the organization: {verb} {kind.Replace('_', ' ')} {id}.");
            current.Recorded = true;
        }
    }

    private sealed record Staffer(OrganizationIdentity Organization, string Username);

    private sealed class Acting(long staffId, string username, long organizationId)
    {
        public long StaffId { get; } = staffId;
        public string Username { get; } = username;
        public long OrganizationId { get; } = organizationId;
        public bool Recorded { get; set; }
    }
}
