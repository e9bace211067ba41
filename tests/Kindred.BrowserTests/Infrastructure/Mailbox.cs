using System.Text.RegularExpressions;
using MimeKit;

namespace Kindred.BrowserTests.Infrastructure;

/// <summary>Reads the e-mails the server wrote to its pickup folder (no SMTP host is configured in tests).</summary>
public static partial class Mailbox
{
    /// <summary>The first link starting with <paramref name="prefix"/> in the newest e-mail to <paramref name="address"/>, waiting briefly for it.</summary>
    public static async Task<string> LinkAsync(string mailDirectory, string address, string prefix)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (Directory.Exists(mailDirectory))
            {
                foreach (var file in Directory.GetFiles(mailDirectory, "*.eml").OrderDescending())
                {
                    using var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                    {
                        var link = Links().Matches(message.TextBody ?? "").Select(m => m.Value).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                        if (link is not null)
                        {
                            return link;
                        }
                    }
                }
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No e-mail to {address} with a link starting {prefix} arrived in {mailDirectory}.");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
