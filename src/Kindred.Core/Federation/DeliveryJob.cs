using System.Net;
using System.Text;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Federation;

/// <summary>
/// Sends one activity to one inbox (ADR 102), signed draft-cavage as the local actor. A 2xx answer is done; a 4xx
/// other than 408 and 429 means the other server will never take it, so it is dropped; anything else (5xx, no
/// answer, the host's circuit open) is tried again as a new job after 30 s, 2 min, 8 min … (×4, at most 6 h) until
/// <c>Kindred:Federation:DeliveryGiveUpDays</c> have passed since the first try. Each try is its own job, so an
/// unreachable server never fills the admins' dead-jobs page and one job's retry never delays another's.
/// </summary>
public sealed partial class DeliveryJob(KindredDbContext db, JobQueue jobs, FederationHttp http, ActorKeys keys, LocalActors local, DeliveryCircuit circuit,
    IOptions<KindredOptions> options, TimeProvider time, ILogger<DeliveryJob> logger) : IJobHandler
{
    public const string Name = "federation.deliver";
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    public string Kind => Name;

    /// <summary>The wait before the try after <paramref name="attempt"/> (0 for the first) failed.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, FirstRetry.TotalSeconds * Math.Pow(4, Math.Clamp(attempt, 0, 10))));

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var delivery = JobQueue.Read<Delivery>(job);
        if (!Uri.TryCreate(delivery.Inbox, UriKind.Absolute, out var inbox) || !http.MayFetch(inbox))
        {
            return 0;
        }
        var settings = options.Value.Federation;
        var host = inbox.Authority;
        HttpStatusCode? status = null;
        if (circuit.MayTry(host))
        {
            using var key = await keys.PrivateKeyAsync(delivery.AsGroup ? ActorKind.Group : ActorKind.Account, delivery.AccountId, ct);
            var keyId = delivery.AsGroup ? local.GroupId(delivery.Username) + "#main-key" : local.KeyId(delivery.Username);
            status = await http.PostActivityAsync(inbox, Encoding.UTF8.GetBytes(delivery.Body), keyId, key, ct);
            if (status is { } answered && (int)answered is >= 200 and < 300)
            {
                circuit.Succeeded(host);
                return 1;
            }
            if (status is { } refused && (int)refused is >= 400 and < 500 && refused is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests)
            {
                // The server answered and will not take it: retrying would get the same answer.
                LogRefused(host, (int)refused);
                return 0;
            }
            circuit.Failed(host, Math.Max(1, settings.CircuitBreakerFailures), TimeSpan.FromMinutes(settings.CircuitBreakerMinutes));
        }
        var now = time.UtcNow();
        var next = now + Backoff(delivery.Attempt);
        if (next - delivery.FirstAt > TimeSpan.FromDays(settings.DeliveryGiveUpDays))
        {
            LogGaveUp(host, delivery.Attempt + 1);
            return 0;
        }
        jobs.Add(Name, delivery with { Attempt = delivery.Attempt + 1 }, next);
        await db.SaveChangesAsync(ct);
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Host} refused a delivery with {Status}; it is dropped")]
    private partial void LogRefused(string host, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery to {Host} is dropped after {Attempts} tries")]
    private partial void LogGaveUp(string host, int attempts);
}
