using Kindred.Data.Entities;

namespace Kindred.Core.Conversations;

/// <summary>One conversation as one participant sees it: the other participants, the newest status they may read
/// (null when none is left), and the paging key (their row's last status id).</summary>
public sealed record ConversationView(long Id, long PageId, bool Unread, IReadOnlyList<Account> Accounts, Status? LastStatus);
