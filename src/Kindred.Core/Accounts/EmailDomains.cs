using System.Globalization;
using Kindred.Core.Common;

namespace Kindred.Core.Accounts;

/// <summary>
/// One spelling per e-mail domain (ADR 73): lower case, international names in punycode, no trailing dot. A block
/// stored this way matches every spelling of the domain and its subdomains.
/// </summary>
public static class EmailDomains
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The domain as stored, or an <c>Invalid</c> error for something that is not a domain name.</summary>
    public static string Normalize(string? domain)
    {
        var text = (domain ?? "").Trim().TrimEnd('.');
        if (text.StartsWith('@'))
        {
            text = text[1..];
        }
        if (text.Length == 0)
        {
            throw KindredException.Invalid("domain", "Enter a domain, such as example.com.");
        }
        string ascii;
        try
        {
            ascii = Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            throw KindredException.Invalid("domain", "This is not a domain name.");
        }
        if (ascii.Length > 253 || !ascii.Contains('.', StringComparison.Ordinal))
        {
            throw KindredException.Invalid("domain", "This is not a domain name.");
        }
        return ascii;
    }

    /// <summary>The normalized domain of an address, or null when it has none that can be read.</summary>
    public static string? Of(string? email)
    {
        var address = email ?? "";
        var at = address.LastIndexOf('@');
        if (at < 0)
        {
            return null;
        }
        try
        {
            return Normalize(address[(at + 1)..]);
        }
        catch (KindredException)
        {
            return null;
        }
    }

    /// <summary>The domain and each parent that is still a domain name (<c>a.b.example.com</c>, <c>b.example.com</c>,
    /// <c>example.com</c>): a block of any of them covers the address.</summary>
    public static IReadOnlyList<string> WithParents(string domain)
    {
        var result = new List<string> { domain };
        var rest = domain;
        while (rest.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 && rest[(dot + 1)..].Contains('.', StringComparison.Ordinal))
        {
            rest = rest[(dot + 1)..];
            result.Add(rest);
        }
        return result;
    }
}
