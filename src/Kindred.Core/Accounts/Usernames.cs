using System.Text.RegularExpressions;
using Kindred.Core.Common;

namespace Kindred.Core.Accounts;

/// <summary>What a local username may be: Mastodon's shape (letters, digits, underscore; 30 at most) so every
/// client and remote server can handle it.</summary>
public static partial class Usernames
{
    public const int MaxLength = 30;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "administrator", "root", "support", "help", "staff", "moderator", "kindred", "system",
        "api", "oauth", "setup", "account", "settings", "groups", "about", "www", "mail", "postmaster",
        "abuse", "security", "webmaster", "null", "undefined", "instance_actor", "actor",
    };

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex Shape();

    public static string Validate(string? username)
    {
        var name = (username ?? "").Trim();
        if (name.Length == 0)
        {
            throw KindredException.Invalid("username", "Choose a username.");
        }
        if (name.Length > MaxLength)
        {
            throw KindredException.Invalid("username", $"A username has at most {MaxLength} characters.");
        }
        if (!Shape().IsMatch(name))
        {
            throw KindredException.Invalid("username", "A username may only contain letters, digits and underscores.");
        }
        if (Reserved.Contains(name))
        {
            throw KindredException.Invalid("username", "That username is reserved.");
        }
        return name;
    }

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();
}
