namespace Kindred.Server.Mastodon.Models;

/// <summary>A status's <c>pleroma</c> object; only written for event announcements (Rebased's events extension).</summary>
public sealed record MastodonStatusPleroma(PleromaEvent? Event);
