namespace Kindred.Core.Common;

/// <summary>One object in a listing of the media store: its key, size in bytes and last write (UTC).</summary>
public sealed record MediaEntry(string Key, long Size, DateTime LastModified);
