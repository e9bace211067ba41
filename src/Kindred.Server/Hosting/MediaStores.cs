using Kindred.Core.Common;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>The media store Kindred:Media:Store names (ADR 98): "local" (the default) or "s3"; anything else stops the
/// start with a message rather than writing uploads somewhere unexpected.</summary>
public static class MediaStores
{
    public static IMediaStore Create(KindredOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options.Media.Store, options);
    }

    public static IMediaStore Create(string? name, KindredOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (name ?? "local").Trim().ToLowerInvariant() switch
        {
            "local" or "" => new LocalMediaStore(Options.Create(options)),
            "s3" => options.Media.S3.Bucket is { Length: > 0 }
                ? new S3MediaStore(options.Media.S3)
                : throw new InvalidOperationException("Kindred:Media:S3:Bucket must name a bucket when Kindred:Media:Store is s3."),
            _ => throw new InvalidOperationException($"Kindred:Media:Store is '{name}'; it must be local or s3."),
        };
    }
}
