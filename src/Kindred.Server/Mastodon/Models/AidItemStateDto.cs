namespace Kindred.Server.Mastodon.Models;

/// <summary>Where an aid item stands after its owner changed its state (Kindred extension).</summary>
public sealed record AidItemStateDto(string Id, string State, DateTime? EndedAt);
