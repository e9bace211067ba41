namespace Kindred.Server.Web.Events;

/// <summary>A group the organizer belongs to, offered in the event form's group select.</summary>
public sealed record GroupOption(long Id, string Name, string Slug);
