using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Core.Conversations;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Streaming;

/// <summary>The direct stream's <c>conversation</c> payload, rendered as GET /api/v1/conversations renders it.</summary>
public sealed class ConversationPayloads : IConversationPayloads
{
    public async Task<string?> RenderAsync(IServiceProvider services, long accountId, long conversationId, CancellationToken ct)
    {
        ConversationView view;
        try
        {
            view = await services.GetRequiredService<ConversationQueries>().GetAsync(accountId, conversationId, ct);
        }
        catch (KindredException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
        var rendered = await services.GetRequiredService<ConversationRenderer>().RenderManyAsync([view], accountId, ct);
        return rendered.Count == 1 ? JsonSerializer.Serialize(rendered[0], MastodonJson.Options) : null;
    }
}
