namespace Kindred.Core.Statuses;

/// <summary>An edit: the new text, content warning, sensitivity and language. Visibility cannot change (as on Mastodon).</summary>
public sealed record StatusUpdate(string Text, string BaseUrl, string? SpoilerText = null, bool Sensitive = false, string? Language = null);
