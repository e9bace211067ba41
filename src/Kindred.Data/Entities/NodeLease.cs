namespace Kindred.Data.Entities;

/// <summary>
/// One node number of a multi-node install (ADR 93), held by one server process until <see cref="ExpiresAt"/>. The
/// number goes into every id the process mints (<see cref="Snowflake"/>), so two processes never mint the same id.
/// </summary>
public class NodeLease
{
    /// <summary>The node bits of the ids, 1 to <see cref="Nodes.SnowflakeGenerator.MaxNode"/> (0 is the unleased process).</summary>
    public int Number { get; set; }

    /// <summary>Who holds it: the machine, the process and a random part, as a job claim names its runner.</summary>
    public required string Holder { get; set; }

    /// <summary>Until when it is held: renewed well before; once past, another process may take the number.</summary>
    public DateTime ExpiresAt { get; set; }
}
