namespace Kindred.Server.Web.Shared;

/// <summary>One tab of <c>Tabs</c>: where it goes, its words, and whether it is the open one.</summary>
public sealed record TabItem(string Href, string Text, bool Current);
