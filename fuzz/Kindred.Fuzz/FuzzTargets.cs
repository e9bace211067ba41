namespace Kindred.Fuzz;

/// <summary>Every target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("markdown", MarkdownTarget.Run),
        new("html", HtmlTarget.Run),
        new("status-text", StatusTextTarget.Run),
        new("search-terms", SearchTermsTarget.Run),
        new("rrule", RecurrenceTarget.Run),
        new("calendar", CalendarTarget.Run),
        new("image", ImageTarget.Run),
        new("params", ParamsTarget.Run),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
