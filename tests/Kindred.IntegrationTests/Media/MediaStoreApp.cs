using Kindred.Core.Common;
using Kindred.IntegrationTests.Exports;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Media;

/// <summary>A server whose pictures and exports live in the local folder or, with <see cref="S3"/>, in a real
/// S3-compatible server on loopback (ADR 98); exports are built when a test says so.</summary>
public class MediaStoreApp : ExportApp
{
    public MediaStoreApp(DatabaseKind database, bool s3)
        : base(database)
    {
        if (s3)
        {
            S3 = S3Server.Start();
            foreach (var (key, value) in S3.Settings())
            {
                Set(key, value);
            }
        }
    }

    /// <summary>The object store, or null for the local folder.</summary>
    public S3Server? S3 { get; }

    public IMediaStore Store => Services.GetRequiredService<IMediaStore>();

    public async Task<byte[]?> StoredBytesAsync(string key)
    {
        await using var opened = await Store.OpenAsync(key, CancellationToken.None);
        if (opened is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        await opened.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        S3?.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class LocalMediaSqliteApp() : MediaStoreApp(DatabaseKind.Sqlite, s3: false);

public sealed class LocalMediaPostgresApp() : MediaStoreApp(DatabaseKind.Postgres, s3: false);

public sealed class S3MediaSqliteApp() : MediaStoreApp(DatabaseKind.Sqlite, s3: true);

public sealed class S3MediaPostgresApp() : MediaStoreApp(DatabaseKind.Postgres, s3: true);
