namespace Kindred.Data.Nodes;

/// <summary>
/// Mints the ids of one node (ADR 93): milliseconds since the Unix epoch in the high bits as before (ADR 2), then
/// <see cref="NodeBits"/> bits of node number and <see cref="SequenceBits"/> bits of sequence. Two generators with
/// different node numbers never mint the same id, whatever their clocks say.
/// <para>
/// A generator either has a fixed number (the single process, or <c>Kindred:NodeId</c>) or holds a leased one
/// (<see cref="NodeLeases"/>) until a moment it was told: past that moment it refuses to mint, because another
/// process may have taken the number over.
/// </para>
/// </summary>
public sealed class SnowflakeGenerator
{
    public const int NodeBits = 6;
    public const int SequenceBits = 10;

    /// <summary>The highest node number; 0 is the process without a lease.</summary>
    public const int MaxNode = (1 << NodeBits) - 1;

    private const long SequenceMask = (1L << SequenceBits) - 1;

    // Milliseconds and sequence as one number: the next id is the larger of "now, sequence 0" and "the last plus
    // one", so a burst of more than 1,024 in a millisecond borrows from the next one instead of repeating.
    private long last;
    private volatile Holding holding;

    private SnowflakeGenerator(Holding holding) => this.holding = holding;

    /// <summary>A generator whose number never lapses.</summary>
    public static SnowflakeGenerator Fixed(int node) =>
        new(new Holding(CheckNode(node), long.MaxValue));

    /// <summary>A generator that mints nothing until <see cref="Hold"/> gives it a leased number.</summary>
    public static SnowflakeGenerator Leased() => new(new Holding(-1, long.MinValue));

    /// <summary>The number it mints with now, or null when it holds none.</summary>
    public int? Node => holding.Node >= 0 ? holding.Node : null;

    /// <summary>Mints with <paramref name="node"/> until <paramref name="until"/> (UTC), then refuses.</summary>
    public void Hold(int node, DateTime until) =>
        holding = new Holding(CheckNode(node), new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)).ToUnixTimeMilliseconds());

    public long NewId(DateTime utc)
    {
        var current = holding;
        // A fixed number skips the clock read: the single process's hot path stays as it was.
        if (current.UntilMs != long.MaxValue && DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() >= current.UntilMs)
        {
            throw new InvalidOperationException(current.Node < 0
                ? "This node holds no node number yet, so it cannot mint ids."
                : $"This node's lease of node number {current.Node} lapsed; it mints no ids until it holds one again.");
        }
        var candidate = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() << SequenceBits;
        while (true)
        {
            var previous = Interlocked.Read(ref last);
            var next = candidate > previous ? candidate : previous + 1;
            if (Interlocked.CompareExchange(ref last, next, previous) == previous)
            {
                return ((next >> SequenceBits) << (NodeBits + SequenceBits)) | ((long)current.Node << SequenceBits) | (next & SequenceMask);
            }
        }
    }

    private static int CheckNode(int node) =>
        node is >= 0 and <= MaxNode ? node : throw new ArgumentOutOfRangeException(nameof(node), node, $"A node number is 0 to {MaxNode}.");

    private sealed record Holding(int Node, long UntilMs);
}
