using System.Text.RegularExpressions;
using CsvHelper;
using Kindred.Core.Common;

namespace Kindred.Core.Imports;

/// <summary>
/// Reads the rows of a Mastodon CSV (CsvHelper, RFC 4180). Mastodon writes a header for following and muted accounts
/// and none for the others, and older exports differ, so a first row naming "Account address" is skipped wherever it
/// appears. A row that cannot be one of its kind is Bad with a reason; the others are Found until resolved.
/// </summary>
public static partial class ImportCsv
{
    public static IReadOnlyList<ImportRow> Read(ImportKind kind, string text, int maxChars, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxChars)
        {
            throw KindredException.Invalid("file", "The file is too large: at most 1 MB.");
        }
        var records = new List<string[]>();
        try
        {
            using var reader = CsvReader.Create(new StringReader(text), new CsvReaderOptions { HasHeader = false }, false);
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i).Trim();
                }
                records.Add(fields);
                if (records.Count > maxRows + 1)
                {
                    throw KindredException.Invalid("file", "The file has too many rows.");
                }
            }
        }
        catch (CsvFormatException)
        {
            throw KindredException.Invalid("file", "This file is not a CSV file.");
        }
        var rows = new List<ImportRow>();
        for (var i = 0; i < records.Count; i++)
        {
            var fields = records[i];
            if (fields.All(f => f.Length == 0))
            {
                continue;
            }
            if (i == 0 && fields[0].Equals("Account address", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            rows.Add(Row(kind, i + 1, fields));
        }
        if (rows.Count > maxRows)
        {
            throw KindredException.Invalid("file", "The file has too many rows.");
        }
        if (rows.Count == 0)
        {
            throw KindredException.Invalid("file", "The file has no rows.");
        }
        return rows;
    }

    private static ImportRow Row(ImportKind kind, int line, string[] fields)
    {
        var first = fields[0];
        if (kind == ImportKind.Bookmarks)
        {
            return Uri.TryCreate(first, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? Found(line, first) : Bad(line, first, "This is not a link to a post.");
        }
        if (kind == ImportKind.Lists)
        {
            if (fields.Length < 2 || first.Length == 0)
            {
                return Bad(line, first, "A row needs a list name and an account address.");
            }
            var address = Address(fields[1]);
            return address is null ? Bad(line, fields[1], "This is not an account address.") : Found(line, address) with { List = first };
        }
        var account = Address(first);
        if (account is null)
        {
            return Bad(line, first, "This is not an account address.");
        }
        bool? flag = null;
        bool? notify = null;
        if (kind is ImportKind.Following or ImportKind.Mutes && fields.Length > 1 && fields[1].Length > 0)
        {
            if (!bool.TryParse(fields[1], out var value))
            {
                return Bad(line, account, "A yes-or-no column holds something else than true or false.");
            }
            flag = value;
        }
        if (kind == ImportKind.Following && fields.Length > 2 && fields[2].Length > 0)
        {
            if (!bool.TryParse(fields[2], out var value))
            {
                return Bad(line, account, "A yes-or-no column holds something else than true or false.");
            }
            notify = value;
        }
        return Found(line, account) with { Flag = flag, Notify = notify };
    }

    /// <summary>"name", "@name" or "name@host", without the leading @; null when it cannot be an address.</summary>
    private static string? Address(string text)
    {
        var address = text.StartsWith('@') ? text[1..] : text;
        return AddressShape().IsMatch(address) ? address : null;
    }

    private static ImportRow Found(int line, string target) => new(line, target, null, ImportOutcome.Found, null);

    private static ImportRow Bad(int line, string target, string message) =>
        new(line, target.Length > 200 ? target[..200] : target, null, ImportOutcome.Bad, message);

    [GeneratedRegex(@"^[A-Za-z0-9_]{1,30}(@[A-Za-z0-9.\-:]{1,253})?$")]
    private static partial Regex AddressShape();
}
