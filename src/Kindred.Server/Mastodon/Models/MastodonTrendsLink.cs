namespace Kindred.Server.Mastodon.Models;

/// <summary>
/// Trends::Link (Mastodon docs: entities/PreviewCard#trends-link): a preview card with its history. Kindred fetches no
/// previews (ADR 80), so the title is the address, the provider its host, and the rest empty.
/// </summary>
public sealed record MastodonTrendsLink(
    string Url,
    string Title,
    string Description,
    string Type,
    IReadOnlyList<object> Authors,
    string AuthorName,
    string AuthorUrl,
    string ProviderName,
    string ProviderUrl,
    string Html,
    int Width,
    int Height,
    string? Image,
    string? ImageDescription,
    string EmbedUrl,
    string? Blurhash,
    string? PublishedAt,
    IReadOnlyList<MastodonTagHistory> History);
