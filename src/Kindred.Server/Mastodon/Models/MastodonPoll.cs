namespace Kindred.Server.Mastodon.Models;

/// <summary>The Poll entity (Mastodon docs: entities/Poll). <see cref="Voted"/> and <see cref="OwnVotes"/> are only
/// written for a signed-in member; option counts are null while totals are hidden.</summary>
public sealed class MastodonPoll
{
    public required string Id { get; init; }
    public string? ExpiresAt { get; init; }
    public bool Expired { get; init; }
    public bool Multiple { get; init; }
    public int VotesCount { get; init; }
    public int? VotersCount { get; init; }
    public required IReadOnlyList<MastodonPollOption> Options { get; init; }
    public IReadOnlyList<object> Emojis { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Voted { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? OwnVotes { get; init; }
}
