namespace Kindred.Core.Events;

/// <summary>The "Kindred:Events" configuration section (README table).</summary>
public sealed class EventsOptions
{
    public const string Section = "Kindred:Events";

    /// <summary>
    /// When true (the default), any active member may organize an event; otherwise only staff, and group moderators for
    /// their group's events. The organization's own events are organized by staff either way.
    /// </summary>
    public bool MembersMayCreate { get; set; } = true;
}
