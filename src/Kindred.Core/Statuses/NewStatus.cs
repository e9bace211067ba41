using Kindred.Core.Polls;
using Kindred.Data.Entities;

namespace Kindred.Core.Statuses;

/// <summary>What a member asks to post. <see cref="BaseUrl"/> is this server's address, for mention and hashtag links;
/// <see cref="MediaIds"/> are the author's uploads to attach, in order.</summary>
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
    IReadOnlyList<long>? MediaIds = null);
