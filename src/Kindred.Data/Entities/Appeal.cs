namespace Kindred.Data.Entities;

/// <summary>
/// A member's appeal of a strike against them (ADR 71), at most one per strike (a unique index). A moderator other
/// than the one who issued the strike decides it: approval undoes the strike, rejection keeps it with a reply.
/// </summary>
public class Appeal
{
    public long Id { get; set; }
    public long StrikeId { get; set; }

    /// <summary>The member who appealed (the strike's account), kept here so the queue needs no join to count.</summary>
    public long AccountId { get; set; }

    /// <summary>The member's words.</summary>
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Set once decided; null while the appeal waits in the queue.</summary>
    public DateTime? DecidedAt { get; set; }

    /// <summary>The moderator who decided; null while waiting or once their account is gone (the audit log keeps who).</summary>
    public long? DeciderId { get; set; }
    public bool Approved { get; set; }

    /// <summary>The deciding moderator's words to the member.</summary>
    public string Reply { get; set; } = "";
}
