using Kindred.Data.Nodes;

namespace Kindred.Data;

/// <summary>
/// Identifiers that sort by creation time, the way Mastodon's are: milliseconds since the Unix epoch in the high bits
/// and 16 bits below, so clients can page with max_id/since_id (see docs/adr/0002). The 16 bits are a node number and a
/// sequence (<see cref="SnowflakeGenerator"/>, ADR 93): the process's generator is node 0 unless a multi-node host
/// installs a leased one with <see cref="TryUse"/>.
/// </summary>
public static class Snowflake
{
    private static readonly SnowflakeGenerator Unleased = SnowflakeGenerator.Fixed(0);
    private static SnowflakeGenerator current = Unleased;

    /// <summary>The generator every id of this process comes from.</summary>
    public static SnowflakeGenerator Current => Volatile.Read(ref current);

    /// <summary>
    /// Makes <paramref name="generator"/> the process's; false when another host of this process already installed
    /// one (tests run several hosts in one process: they then share the first one's number, which is still unique).
    /// </summary>
    public static bool TryUse(SnowflakeGenerator generator) =>
        Interlocked.CompareExchange(ref current, generator, Unleased) == Unleased;

    /// <summary>Goes back to node 0 when <paramref name="generator"/> is the installed one (its host stopped).</summary>
    public static void Release(SnowflakeGenerator generator) =>
        Interlocked.CompareExchange(ref current, Unleased, generator);

    public static long NewId() => Current.NewId(DateTime.UtcNow);

    public static long NewId(DateTime utc) => Current.NewId(utc);

    /// <summary>The smallest id that can belong to something created at <paramref name="utc"/>.</summary>
    public static long Floor(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() << 16;

    public static DateTime TimeOf(long id) => DateTimeOffset.FromUnixTimeMilliseconds(id >> 16).UtcDateTime;
}
