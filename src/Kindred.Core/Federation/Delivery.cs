namespace Kindred.Core.Federation;

/// <summary>One activity on its way to one inbox (the payload of a <see cref="DeliveryJob"/>): signed as the local
/// actor <paramref name="Username"/> (account <paramref name="AccountId"/>) when it is sent, or, when
/// <paramref name="AsGroup"/>, as the public group with that slug and id (FEP-1b12, ADR 105).</summary>
public sealed record Delivery(string Username, long AccountId, string Inbox, string Body, int Attempt, DateTime FirstAt, bool AsGroup = false);
