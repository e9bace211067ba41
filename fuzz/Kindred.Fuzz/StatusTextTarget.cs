using System.Text.RegularExpressions;
using Kindred.Core.Common;
using Kindred.Core.Statuses;

namespace Kindred.Fuzz;

/// <summary>Mentions, hashtags, the character count and the linked rendering of a post (<see cref="StatusText"/>).</summary>
public static partial class StatusTextTarget
{
    public static void Run(byte[] data)
    {
        var text = FuzzInput.Text(data);
        foreach (var (username, domain) in StatusText.Mentions(text))
        {
            Promise.Holds(UsernamePattern().IsMatch(username), $"a mentioned username is a username ({username})");
            Promise.Holds(domain is null || domain == domain.ToLowerInvariant(), "a mention's domain is lower case");
        }
        foreach (var (name, display) in StatusText.Hashtags(text))
        {
            Promise.Holds(name.Length > 0 && display.Length > 0, "a hashtag has a name");
        }
        Promise.Holds(TextLength.Of(text) >= 0, "a length is not negative");
        var html = StatusText.Render(
            text,
            (user, domain) => domain is null ? $"https://kindred.example/@{user}" : null,
            tag => "https://kindred.example/tags/" + Uri.EscapeDataString(tag));
        SafeHtmlPromise.Check(html);
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}
