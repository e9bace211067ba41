using System.Data.Common;
using System.Runtime.CompilerServices;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenIddict.EntityFrameworkCore.Models;

namespace Kindred.Core.Streaming;

/// <summary>
/// Publishes stream events for what a SaveChanges wrote, once it is committed (ADR 16): at the end of a SaveChanges
/// that ran in its own transaction, or when the caller's explicit transaction commits. A failed save or a rolled back
/// transaction publishes nothing. Watching the change tracker, rather than calling the hub from each service, means
/// every path that adds a status or a notification (StatusService, RelationshipService, Notify, and later ones)
/// streams without being told to, and no event can precede its commit.
/// </summary>
public sealed class AfterCommitPublisher(IStreamHub hub) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, State> states = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => StateOf(eventData.Context)?.Saving.Clear();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => StateOf(eventData.Context)?.AwaitingCommit.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => StateOf(eventData.Context)?.AwaitingCommit.Clear();

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>What this save is about to write, read before the save resets the tracker's states.</summary>
    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var state = states.GetOrCreateValue(context);
        state.Saving.Clear();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (EventFor(entry) is { } e)
            {
                state.Saving.Add(e);
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || StateOf(context) is not { } state || state.Saving.Count == 0)
        {
            return;
        }
        state.AwaitingCommit.AddRange(state.Saving);
        state.Saving.Clear();
        if (context.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    private void Flush(DbContext? context)
    {
        if (StateOf(context) is not { } state || state.AwaitingCommit.Count == 0)
        {
            return;
        }
        var events = state.AwaitingCommit.ToList();
        state.AwaitingCommit.Clear();
        foreach (var e in events)
        {
            hub.Publish(e);
        }
    }

    private State? StateOf(DbContext? context) => context is not null && states.TryGetValue(context, out var state) ? state : null;

    private static StreamEvent? EventFor(EntityEntry entry) => (entry.Entity, entry.State) switch
    {
        (Status s, EntityState.Added) => StreamEvent.StatusCreated(s.Id),
        (Status s, EntityState.Modified) when Changed(entry, nameof(Status.DeletedAt)) && s.DeletedAt is not null => StreamEvent.StatusDeleted(s.Id),
        (Status s, EntityState.Modified) when Changed(entry, nameof(Status.EditedAt)) && s.DeletedAt is null => StreamEvent.StatusEdited(s.Id),
        // A notification held back by the recipient's policy is not streamed (ADR 79); accepting the request does not replay it.
        (Notification n, EntityState.Added) when !n.Filtered => StreamEvent.Notification(n.AccountId, n.Id),
        // A conversation is streamed when a message reaches it (as Mastodon does), not when it is marked read or removed.
        (ConversationParticipant p, EntityState.Added) => StreamEvent.Conversation(p.AccountId, p.ConversationId),
        (ConversationParticipant p, EntityState.Modified) when Changed(entry, nameof(ConversationParticipant.LastStatusId)) =>
            StreamEvent.Conversation(p.AccountId, p.ConversationId),
        (User u, EntityState.Modified) when Changed(entry, nameof(User.Status)) || Changed(entry, nameof(User.SecurityStamp)) => StreamEvent.AccessChanged(u.Id),
        (User u, EntityState.Deleted) => StreamEvent.AccessChanged(u.Id),
        (UserSession session, EntityState.Deleted) => StreamEvent.AccessChanged(session.UserId),
        (OpenIddictEntityFrameworkCoreToken token, EntityState.Modified or EntityState.Deleted) =>
            StreamEvent.AccessChanged(Ids.Parse(token.Subject)),
        // Announcements (ADR 76): a subscriber reloads it and hears "announcement" while it shows, "announcement.delete"
        // once it no longer does. A start or end in the future is streamed by AnnouncementStreamJob when it arrives.
        (Announcement a, EntityState.Modified) when Changed(entry, nameof(Announcement.PublishedAt)) =>
            a.PublishedAt is null ? StreamEvent.AnnouncementDeleted(a.Id)
            : a.StartsAt > a.PublishedAt ? null
            : StreamEvent.Announcement(a.Id),
        (Announcement a, EntityState.Modified) when a.PublishedAt is not null && (Changed(entry, nameof(Announcement.Text))
            || Changed(entry, nameof(Announcement.StartsAt)) || Changed(entry, nameof(Announcement.EndsAt)) || Changed(entry, nameof(Announcement.AllDay))) =>
            StreamEvent.Announcement(a.Id),
        (Announcement a, EntityState.Deleted) when a.PublishedAt is not null => StreamEvent.AnnouncementDeleted(a.Id),
        (AnnouncementReaction r, EntityState.Added) => StreamEvent.AnnouncementReaction(r.AnnouncementId, r.Name),
        _ => null,
    };

    private static bool Changed(EntityEntry entry, string property) => entry.Property(property).IsModified;

    private sealed class State
    {
        public List<StreamEvent> Saving { get; } = [];
        public List<StreamEvent> AwaitingCommit { get; } = [];
    }
}
