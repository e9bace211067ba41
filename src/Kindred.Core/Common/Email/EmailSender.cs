using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Utils;

namespace Kindred.Core.Common.Email;

/// <summary>
/// Sends every e-mail Kindred writes (confirmations, password resets, notifications, digests). Without
/// an SMTP host it drops each message as an .eml file in the data folder, so a fresh install never loses
/// a confirmation link and tests can read what would have been sent.
/// </summary>
public sealed partial class EmailSender
{
    private readonly EmailOptions options;
    private readonly string pickupDirectory;
    private readonly ILogger<EmailSender> logger;

    public EmailSender(EmailOptions options, string dataDirectory, ILogger<EmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options;
        pickupDirectory = Path.Combine(dataDirectory, "mail");
        this.logger = logger;
    }

    /// <summary>Where messages are written while no SMTP host is configured.</summary>
    public string PickupDirectory => pickupDirectory;

    /// <summary>Sends a multipart/alternative message; an empty <paramref name="htmlBody"/> sends text only.</summary>
    /// <exception cref="KindredException">Invalid (field "email") when <paramref name="toAddress"/> is not one address.</exception>
    public Task SendAsync(string toAddress, string subject, string textBody, string htmlBody, CancellationToken cancellationToken = default) =>
        SendAsync(toAddress, subject, textBody, htmlBody, [], cancellationToken);

    /// <summary>The same with extra header fields (a digest's List-Unsubscribe, say). Returning normally means the SMTP
    /// server accepted the message (or it was written to the folder); an exception means it was not accepted.</summary>
    public async Task SendAsync(string toAddress, string subject, string textBody, string htmlBody, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var message = BuildMessage(toAddress, subject, textBody, htmlBody);
        foreach (var (name, value) in headers)
        {
            message.Headers.Add(name, value);
        }
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            await WriteToPickupDirectoryAsync(message, cancellationToken);
        }
        else
        {
            await SendWithSmtpAsync(message, cancellationToken);
        }
    }

    private MimeMessage BuildMessage(string toAddress, string subject, string textBody, string htmlBody)
    {
        if (!MailboxAddress.TryParse(toAddress, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            throw KindredException.Invalid("email", "That is not a valid e-mail address.");
        }

        var from = new MailboxAddress(options.FromName, options.FromAddress);
        var message = new MimeMessage
        {
            Subject = subject,
            Date = DateTimeOffset.UtcNow,
            // Generated from our sending domain; the default would reveal the server's host name.
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
        };
        message.From.Add(from);
        message.To.Add(to);
        message.Body = new BodyBuilder
        {
            TextBody = textBody,
            HtmlBody = string.IsNullOrEmpty(htmlBody) ? null : htmlBody,
        }.ToMessageBody();
        return message;
    }

    private async Task WriteToPickupDirectoryAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(pickupDirectory);
        var name = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(pickupDirectory, name);

        // Written under another name and moved into place, so whoever watches the folder never reads half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        LogWritten(logger, message.MessageId, path);
    }

    private async Task SendWithSmtpAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var security = options.UseSsl ? SecureSocketOptions.SslOnConnect
            : options.RequireStartTls ? SecureSocketOptions.StartTls
            : SecureSocketOptions.StartTlsWhenAvailable;

        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Username))
        {
            await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        LogSent(logger, message.MessageId, options.Host);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException)
        {
            // The message was accepted when SendAsync returned; a failed goodbye must not make a caller send it again.
            LogQuitFailed(logger, e, options.Host);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the SMTP connection to {Host} failed after the message was accepted")]
    private static partial void LogQuitFailed(ILogger logger, Exception exception, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP host configured; wrote e-mail {MessageId} to {Path}")]
    private static partial void LogWritten(ILogger logger, string? messageId, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent e-mail {MessageId} through {Host}")]
    private static partial void LogSent(ILogger logger, string? messageId, string host);
}
