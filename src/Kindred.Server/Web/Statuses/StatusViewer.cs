using Kindred.Core.Common;
using Kindred.Core.Statuses;

namespace Kindred.Server.Web.Statuses;

/// <summary>The reader of a page as the core sees it, and the page of a list the query string asks for.</summary>
public static class StatusViewer
{
    public static Viewer For(long? accountId) => accountId is { } id ? Viewer.Member(id) : Viewer.Anonymous;

    public static Page Page(long? maxId, long? minId) => new(maxId, null, maxId is null ? minId : null, StatusQueries.DefaultLimit);
}
