namespace Kindred.Server.Web.Lists;

/// <summary>A list's title, as posted by the create and rename forms.</summary>
public sealed class ListInput
{
    public string? Title { get; set; }
}
