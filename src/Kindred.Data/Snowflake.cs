namespace Kindred.Data;

/// <summary>
/// Identifiers that sort by creation time, the way Mastodon's are: milliseconds since the Unix epoch in
/// the high bits and a 16-bit sequence below, so clients can page with max_id/since_id (see docs/adr/0002).
/// </summary>
public static class Snowflake
{
    private static long last;

    public static long NewId() => NewId(DateTime.UtcNow);

    public static long NewId(DateTime utc)
    {
        var candidate = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() << 16;
        while (true)
        {
            var previous = Interlocked.Read(ref last);
            var next = candidate > previous ? candidate : previous + 1;
            if (Interlocked.CompareExchange(ref last, next, previous) == previous)
            {
                return next;
            }
        }
    }

    /// <summary>The smallest id that can belong to something created at <paramref name="utc"/>.</summary>
    public static long Floor(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() << 16;

    public static DateTime TimeOf(long id) => DateTimeOffset.FromUnixTimeMilliseconds(id >> 16).UtcDateTime;
}
