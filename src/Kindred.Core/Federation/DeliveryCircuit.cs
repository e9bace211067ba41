using System.Collections.Concurrent;

namespace Kindred.Core.Federation;

/// <summary>
/// The per-host circuit breaker of deliveries (ADR 102), one per process: after a number of failures in a row a host
/// is "open" for a while and deliveries to it wait without connecting, so a dead server costs no 10-second timeouts per
/// queued activity; after the pause one delivery tries again (half-open), and a success closes the circuit.
/// </summary>
public sealed class DeliveryCircuit(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HostState> hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a delivery to <paramref name="host"/> may try now.</summary>
    public bool MayTry(string host) => !hosts.TryGetValue(host, out var state) || state.OpenUntil <= time.GetUtcNow();

    public void Succeeded(string host) => hosts.TryRemove(host, out _);

    /// <summary>Counts a failure; opens the circuit for <paramref name="pause"/> once <paramref name="threshold"/>
    /// failures came in a row (and again after each failed try while half-open).</summary>
    public void Failed(string host, int threshold, TimeSpan pause) =>
        hosts.AddOrUpdate(host,
            _ => new HostState(1, threshold <= 1 ? time.GetUtcNow() + pause : DateTimeOffset.MinValue),
            (_, state) => state.Failures + 1 >= threshold
                ? new HostState(state.Failures + 1, time.GetUtcNow() + pause)
                : state with { Failures = state.Failures + 1 });

    private sealed record HostState(int Failures, DateTimeOffset OpenUntil);
}
