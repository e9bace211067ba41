namespace Kindred.Core.Notifications;

/// <summary>What a notification may quote of a status: its plain text, or only its content warning when it has one
/// (the words stay behind the warning, as on the status itself).</summary>
public sealed record StatusExcerpt(string Text, string? ContentWarning);
