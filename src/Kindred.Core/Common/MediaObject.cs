namespace Kindred.Core.Common;

/// <summary>An object of the media store opened for reading; disposing it closes the stream (and the connection).</summary>
public sealed class MediaObject(Stream content, long length, string contentType, DateTime lastModified, string? entityTag) : IAsyncDisposable, IDisposable
{
    public Stream Content { get; } = content;
    public long Length { get; } = length;
    public string ContentType { get; } = contentType;

    /// <summary>UTC.</summary>
    public DateTime LastModified { get; } = lastModified;

    /// <summary>A quoted entity tag for conditional requests, when the store gives one.</summary>
    public string? EntityTag { get; } = entityTag;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}
