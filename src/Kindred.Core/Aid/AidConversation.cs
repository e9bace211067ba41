using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>One aid conversation as a reader may see it: the answer, its item, and why the reader may see it.</summary>
public sealed record AidConversation(AidResponse Response, AidItem Item, AidConversationRole Role)
{
    /// <summary>The other person for a party; for a lead, the item's owner.</summary>
    public long OtherPartyId => Role == AidConversationRole.Responder ? Item.AccountId : Response.ResponderId;

    public bool IsParty => Role is AidConversationRole.Owner or AidConversationRole.Responder;
}
