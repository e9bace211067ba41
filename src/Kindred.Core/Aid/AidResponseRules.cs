using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>
/// The limits on what people write in aid conversations, and who may answer an item, as pure functions so unit tests
/// cover them without a database. Messages are plain text, shown escaped: no Markdown, no links made for anyone.
/// </summary>
public static class AidResponseRules
{
    public const int MaxMessage = 5_000;
    public const int MaxThanks = 1_000;
    public const int MaxReason = 2_000;
    public const int MaxNote = 2_000;

    public static string Message(string? text)
    {
        var clean = (text ?? "").Trim();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("text", "Write a message.");
        }
        if (clean.Length > MaxMessage)
        {
            throw KindredException.Invalid("text", $"The message is too long (at most {MaxMessage} characters).");
        }
        return clean;
    }

    public static string Thanks(string? text)
    {
        var clean = (text ?? "").Trim();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("text", "Write a few words of thanks.");
        }
        if (clean.Length > MaxThanks)
        {
            throw KindredException.Invalid("text", $"The thanks are too long (at most {MaxThanks} characters).");
        }
        return clean;
    }

    /// <summary>The reason for "I feel unsafe" is optional: asking for one must never stand between a person and help.</summary>
    public static string Reason(string? text)
    {
        var clean = (text ?? "").Trim();
        if (clean.Length > MaxReason)
        {
            throw KindredException.Invalid("reason", $"The reason is too long (at most {MaxReason} characters).");
        }
        return clean;
    }

    /// <summary>A lead's review always says why, so the next lead reading the history understands the decision.</summary>
    public static string ReviewNote(string? text)
    {
        var clean = (text ?? "").Trim();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("note", "Write a note about your review.");
        }
        if (clean.Length > MaxNote)
        {
            throw KindredException.Invalid("note", $"The note is too long (at most {MaxNote} characters).");
        }
        return clean;
    }

    /// <summary>Whether an item still takes answers and decisions.</summary>
    public static bool IsActive(AidItemState state) => state is AidItemState.Open or AidItemState.InProgress;

    /// <summary>
    /// Why <paramref name="responderId"/> may not answer <paramref name="item"/> (which they can see), or null when they
    /// may. <paramref name="memberSince"/> is when they became a member (approval, else sign-up).
    /// </summary>
    public static AidAnswerRefusal? WhyNotAnswer(AidItem item, long responderId, bool isVettedHelper, DateTime memberSince, DateTime now, int newMemberDays)
    {
        if (item.AccountId == responderId)
        {
            return AidAnswerRefusal.OwnItem;
        }
        if (!IsActive(item.State))
        {
            return AidAnswerRefusal.NotOpen;
        }
        if (item.AnswerPolicy == AidAnswerPolicy.VettedHelpersOnly && !isVettedHelper)
        {
            return AidAnswerRefusal.VettedHelpersOnly;
        }
        if (item.Sensitive && item.Kind == AidKind.Request && memberSince > now.AddDays(-newMemberDays))
        {
            return AidAnswerRefusal.NewMember;
        }
        return null;
    }

    /// <summary>The message for a refusal; the interface translates the same sentences.</summary>
    public static string Message(AidAnswerRefusal refusal, int newMemberDays) => refusal switch
    {
        AidAnswerRefusal.OwnItem => "You cannot answer your own request or offer.",
        AidAnswerRefusal.NotOpen => "This is no longer open.",
        AidAnswerRefusal.VettedHelpersOnly => "Only vetted helpers may answer this.",
        _ => $"New members cannot answer sensitive requests in their first {newMemberDays} days.",
    };
}
