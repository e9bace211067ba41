using Kindred.Data.Entities;

namespace Kindred.Server.Web.Lists;

/// <summary>A list's title and options, as posted by the list page's settings form.</summary>
public sealed class ListSettingsInput
{
    public string? Title { get; set; }
    public ListRepliesPolicy RepliesPolicy { get; set; }
    public bool Exclusive { get; set; }
}
