namespace Kindred.Core.Aid;

/// <summary>Why someone may read an aid conversation.</summary>
public enum AidConversationRole
{
    /// <summary>The item's owner (the requester, or the person offering).</summary>
    Owner,

    /// <summary>The person who answered.</summary>
    Responder,

    /// <summary>A safeguarding lead reading a conversation someone escalated; leads never write in it.</summary>
    Lead,
}
