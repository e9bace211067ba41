namespace Kindred.Server.Mastodon.Streaming;

/// <summary>
/// Renders a member's conversation (Mastodon's Conversation entity) for the <c>conversation</c> event of the direct
/// stream. Provided by the conversations feature; while none is registered, conversation events are not streamed.
/// </summary>
public interface IConversationPayloads
{
    /// <returns>The JSON text, or null when the conversation is gone.</returns>
    Task<string?> RenderAsync(IServiceProvider services, long accountId, long conversationId, CancellationToken ct);
}
