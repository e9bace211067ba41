namespace Kindred.Server.KindredApi.Models;

/// <summary>
/// Thanks for help given (Kindred extension). shown is true only when both shared_by_giver and shared_by_receiver are:
/// then, and only then, the thanks appear on the helper's profile.
/// </summary>
public sealed record AidThanksDto(string ResponseId, string FromAccountId, string ToAccountId, string Text, DateTime CreatedAt, bool SharedByGiver, bool SharedByReceiver, bool Shown);
