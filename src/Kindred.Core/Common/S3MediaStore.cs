using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Kindred.Core.Common;

/// <summary>
/// An S3-compatible object store (ADR 98) through AWSSDK.S3: one bucket, the same keys as the local folder. The store is
/// never addressed by a browser: the server reads each object and streams it out under the access rules it applies to
/// the local folder. Any failure to reach the store (refused, timed out, an error on its side, refused credentials)
/// becomes <see cref="MediaStoreUnavailableException"/>; only "no such key" is an answer.
/// </summary>
public sealed class S3MediaStore : IMediaStore, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly string bucket;

    public S3MediaStore(KindredOptions.S3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bucket = options.Bucket;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.PathStyle,
            AuthenticationRegion = options.Region,
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            // One quick retry: a request waits on this, and an unreachable store should answer 503 in seconds, not minutes.
            MaxErrorRetry = 1,
            // Checksums only where S3 requires them: the streaming trailer the SDK adds by default is not understood by
            // every S3-compatible server, and the migrate command compares SHA-256 of whole objects itself.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.Endpoint is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        client = options.AccessKey is { Length: > 0 } access
            ? new AmazonS3Client(new BasicAWSCredentials(access, options.SecretKey ?? ""), config)
            : new AmazonS3Client(config);
    }

    public string Name => "s3";

    public Task PutAsync(string key, Stream content, string contentType, CancellationToken ct) =>
        CallAsync(async () =>
        {
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = MediaKeys.Checked(key),
                InputStream = content,
                ContentType = contentType,
                AutoCloseStream = false,
                UseChunkEncoding = false,
            }, ct);
            return true;
        }, ct);

    public Task<MediaObject?> OpenAsync(string key, CancellationToken ct) =>
        MediaKeys.IsValid(key)
            ? CallOrMissingAsync(async () =>
            {
                var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, ct);
                return (MediaObject?)new MediaObject(response.ResponseStream, response.ContentLength,
                    response.Headers.ContentType ?? MediaKeys.ContentType(key) ?? "application/octet-stream",
                    response.LastModified?.ToUniversalTime() ?? DateTime.UnixEpoch, response.ETag);
            }, null, ct)
            : Task.FromResult<MediaObject?>(null);

    public Task<long?> SizeAsync(string key, CancellationToken ct) =>
        CallOrMissingAsync(async () =>
        {
            var response = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = MediaKeys.Checked(key) }, ct);
            return (long?)response.ContentLength;
        }, null, ct);

    public Task DeleteAsync(string key, CancellationToken ct) =>
        MediaKeys.IsValid(key)
            ? CallOrMissingAsync(async () =>
            {
                await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, ct);
                return true;
            }, true, ct)
            : Task.CompletedTask;

    public async IAsyncEnumerable<MediaEntry> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await CallAsync(() => client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket,
                Prefix = prefix,
                ContinuationToken = token,
            }, ct), ct);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new MediaEntry(item.Key, item.Size ?? 0, item.LastModified?.ToUniversalTime() ?? DateTime.UnixEpoch);
            }
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
    }

    public void Dispose() => client.Dispose();

    private static Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct) => CallAsync(call, hasMissing: false, default!, ct);

    /// <summary>As CallAsync, with <paramref name="missing"/> as the answer when the key does not exist.</summary>
    private static Task<T> CallOrMissingAsync<T>(Func<Task<T>> call, T missing, CancellationToken ct) => CallAsync(call, hasMissing: true, missing, ct);

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, bool hasMissing, T missing, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception e) when (hasMissing && e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            return missing;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException or SocketException or OperationCanceledException)
        {
            // AmazonServiceException (an answer other than "no such key") derives from AmazonClientException.
            throw new MediaStoreUnavailableException($"The media store did not answer: {e.Message}", e);
        }
    }
}
