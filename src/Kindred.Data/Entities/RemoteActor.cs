namespace Kindred.Data.Entities;

/// <summary>
/// What federation knows of a remote account (ADR 101): the <see cref="Account"/> with the same id has the actor's
/// host as its <see cref="Account.Domain"/> and no <see cref="User"/>, so it can never sign in or count as a member.
/// The actor document is fetched again when it is older than a day.
/// </summary>
public class RemoteActor
{
    /// <summary>The <see cref="Account"/>'s id.</summary>
    public long AccountId { get; set; }

    /// <summary>The actor's id; unique, it is how activities name the account.</summary>
    public required string ActorUri { get; set; }
    public required string Inbox { get; set; }

    /// <summary>Where deliveries for several of the host's accounts go once (null when the server has none).</summary>
    public string? SharedInbox { get; set; }

    /// <summary>The actor's profile page (the API's <c>url</c>).</summary>
    public string? ProfileUrl { get; set; }
    public DateTime FetchedAt { get; set; }
}
