using Kindred.Core.Polls;
using Kindred.Data.Entities;

namespace Kindred.Core.Statuses;

/// <summary>What a member asks to post. <see cref="BaseUrl"/> is this server's address, for mention and hashtag links;
/// <see cref="MediaIds"/> are the author's uploads to attach, in order; <see cref="GroupId"/> posts into a group the author
/// belongs to (a reply goes into its thread's group whatever is given).</summary>
public sealed record NewStatus(
    string Text,
    string BaseUrl,
    Audience Visibility = Audience.Public,
    string? SpoilerText = null,
    bool Sensitive = false,
    string? Language = null,
    long? InReplyToId = null,
    string? IdempotencyKey = null,
    NewPoll? Poll = null,
    IReadOnlyList<long>? MediaIds = null,
    long? GroupId = null);
