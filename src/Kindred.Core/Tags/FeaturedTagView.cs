using Kindred.Data.Entities;

namespace Kindred.Core.Tags;

/// <summary>A featured hashtag with its counts as one viewer may see them (their statuses with the tag that they may read).</summary>
public sealed record FeaturedTagView(FeaturedTag Featured, int StatusesCount, DateTime? LastStatusAt);
