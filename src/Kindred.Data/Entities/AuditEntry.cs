namespace Kindred.Data.Entities;

/// <summary>
/// One staff action in the audit log (ADR 56). Rows are only ever added: the model has no update or delete path, and
/// <see cref="KindredDbContext"/> refuses to save a changed or removed entry.
/// </summary>
public class AuditEntry
{
    /// <summary>A snowflake id (ADR 2): it sorts by time, so the log pages by id.</summary>
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>The staff member who acted; null for the command line (the operator at the server).</summary>
    public long? ActorId { get; set; }
    /// <summary>A stable dotted name such as <c>role.change</c> (see <c>AuditActions</c> in Core).</summary>
    public required string Action { get; set; }
    /// <summary>What was acted on: <c>account</c>, <c>organization</c>, <c>aid_category</c> …; null when nothing in particular.</summary>
    public string? TargetKind { get; set; }
    public long? TargetId { get; set; }
    /// <summary>A short sentence for people reading the log, written when the action happened.</summary>
    public required string Summary { get; set; }
    /// <summary>The value before the change, where it matters (a role, a setting); plain text or JSON.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
}
