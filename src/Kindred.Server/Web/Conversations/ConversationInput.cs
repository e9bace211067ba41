namespace Kindred.Server.Web.Conversations;

/// <summary>A private message as posted by the "new message" form (<see cref="Recipient"/> empty for a reply).</summary>
public sealed class ConversationInput
{
    public string? Recipient { get; set; }
    public string? Text { get; set; }
}
