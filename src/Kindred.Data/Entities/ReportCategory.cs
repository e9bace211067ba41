namespace Kindred.Data.Entities;

/// <summary>Why a member reported an account, as Mastodon names it (docs: entities/Report#category).</summary>
public enum ReportCategory
{
    /// <summary>Some other reason, told in the comment.</summary>
    Other = 0,

    /// <summary>Unwanted or repetitive content: advertising, scams, floods.</summary>
    Spam = 1,

    /// <summary>Content the reporter believes is illegal where they or the server are.</summary>
    Legal = 2,

    /// <summary>Breaks one or more of the server's rules (<see cref="Report.RuleIds"/>).</summary>
    Violation = 3,
}
