namespace Kindred.Core.Push;

/// <summary>The "Kindred:Push" section (ADR 81). Every key is in the README.</summary>
public sealed class PushOptions
{
    public const string Section = "Kindred:Push";

    /// <summary>Accepts http:// and loopback endpoints, for tests and local push-service stubs only; otherwise only
    /// https:// endpoints on public hosts are accepted.</summary>
    public bool AllowInsecureEndpoints { get; set; }

    /// <summary>How long a push service keeps a message for a device that is offline (RFC 8030 TTL), in seconds.</summary>
    public int TimeToLiveSeconds { get; set; } = 48 * 3600;

    /// <summary>The contact the push services may write to about this server's pushes (VAPID "sub"); the
    /// organization's public URL when unset.</summary>
    public string? Contact { get; set; }
}
