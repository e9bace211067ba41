using Kindred.Core.Common;

namespace Kindred.Server.Web.Shared;

/// <summary>
/// Reads whose absence a page shows as nothing rather than an error (ADR 83): a group the reader may not see, a member
/// list they may not read, an event's deleted announcement. The one place outside <see cref="KindredPage"/> that catches
/// a core error, so static helpers such as <c>GroupPages</c> need no catch of their own.
/// </summary>
public static class CoreReads
{
    /// <summary>What <paramref name="read"/> returns, or null when the core answered <paramref name="absent"/>.</summary>
    public static async Task<T?> OrNullAsync<T>(Func<Task<T>> read, ErrorKind absent) where T : class
    {
        try
        {
            return await read();
        }
        catch (KindredException e) when (e.Kind == absent)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="read"/>; false when the core answered <paramref name="absent"/>.</summary>
    public static async Task<bool> TryAsync(Func<Task> read, ErrorKind absent)
    {
        try
        {
            await read();
            return true;
        }
        catch (KindredException e) when (e.Kind == absent)
        {
            return false;
        }
    }
}
