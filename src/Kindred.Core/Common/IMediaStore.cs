namespace Kindred.Core.Common;

/// <summary>
/// Where uploaded pictures and export archives are kept, by key ("attachments/3f…9a.jpg", "exports/123.zip"): the local
/// folder (<see cref="LocalMediaStore"/>, the default) or an S3-compatible object store (<see cref="S3MediaStore"/>), so
/// that several nodes can serve the same files (ADR 98). Nothing here decides who may read a key: the server does, and
/// every read goes through it. A store that cannot be reached throws <see cref="MediaStoreUnavailableException"/>.
/// </summary>
public interface IMediaStore
{
    /// <summary>"local" or "s3", as in Kindred:Media:Store.</summary>
    string Name { get; }

    /// <summary>Writes the whole of <paramref name="content"/> under <paramref name="key"/>, replacing what was there; a
    /// reader sees either the old object or the complete new one, never part of it.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken ct);

    /// <summary>The object for reading, or null when there is none. The caller disposes it.</summary>
    Task<MediaObject?> OpenAsync(string key, CancellationToken ct);

    /// <summary>The size in bytes, or null when there is no such object.</summary>
    Task<long?> SizeAsync(string key, CancellationToken ct);

    /// <summary>Removes the object; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Every complete object whose key starts with <paramref name="prefix"/> ("" for all of them).</summary>
    IAsyncEnumerable<MediaEntry> ListAsync(string prefix, CancellationToken ct);
}
