namespace Kindred.Core.Notifications;

/// <summary>One line of an instant e-mail: what happened, and where on the site to read it.</summary>
public sealed record InstantEmailLine(string Text, string Url);
