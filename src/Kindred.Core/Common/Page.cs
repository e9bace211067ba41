namespace Kindred.Core.Common;

/// <summary>
/// Mastodon paging by row id: <see cref="MaxId"/> gives older rows, <see cref="SinceId"/> the newest rows above a
/// bound, <see cref="MinId"/> the rows just above a bound (oldest first, then shown newest first).
/// </summary>
public sealed record Page(long? MaxId, long? SinceId, long? MinId, int Limit);
