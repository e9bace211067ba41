namespace Kindred.Core.Common;

/// <summary>
/// Who is reading: an anonymous visitor, an app token (no person behind it), or a signed-in member of this server.
/// Every read of statuses takes one, so <see cref="StatusVisibility"/> can decide.
/// </summary>
public sealed record Viewer
{
    private Viewer(long? accountId, bool isApp)
    {
        AccountId = accountId;
        IsApp = isApp;
    }

    public static Viewer Anonymous { get; } = new(null, false);

    public static Viewer App { get; } = new(null, true);

    /// <summary>The signed-in member's account id; null for anonymous visitors and app tokens.</summary>
    public long? AccountId { get; }

    public bool IsApp { get; }

    public static Viewer Member(long accountId) => new(accountId, false);
}
