using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Kindred.UnitTests.Common.Email;

public sealed class EmailSenderTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "kindred-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task WithoutAnSmtpHostTheMessageIsWrittenAsAnEmlFileInTheDataFolder()
    {
        var sender = CreateSender();

        await sender.SendAsync("Ada <ada@example.org>", "Confirm your e-mail", "Open this link", "<p>Open <a href=\"https://k.example/c\">this link</a></p>");

        var file = Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "mail")));
        Assert.Matches(@"^\d{8}T\d{9}Z-[0-9a-f]{32}\.eml$", Path.GetFileName(file));
        using var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Confirm your e-mail", message.Subject);
        Assert.Equal("ada@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("noreply@kindred.example", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Open this link", message.TextBody?.Trim());
        Assert.Contains("href=\"https://k.example/c\"", message.HtmlBody);
        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal("multipart/alternative", message.Body.ContentType.MimeType);
        Assert.EndsWith("@kindred.example", message.MessageId);
    }

    [Fact]
    public async Task AnEmptyHtmlBodySendsPlainTextOnly()
    {
        var sender = CreateSender();

        await sender.SendAsync("ada@example.org", "Digest", "Nothing new this week", string.Empty);

        using var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(sender.PickupDirectory)));
        Assert.Equal("text/plain", message.Body?.ContentType.MimeType);
        Assert.Null(message.HtmlBody);
    }

    [Fact]
    public async Task EachMessageGetsItsOwnFile()
    {
        var sender = CreateSender();

        await sender.SendAsync("a@example.org", "One", "1", string.Empty);
        await sender.SendAsync("b@example.org", "Two", "2", string.Empty);

        Assert.Equal(2, Directory.GetFiles(sender.PickupDirectory, "*.eml").Length);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("ada")]
    [InlineData("")]
    public async Task AnInvalidRecipientIsInvalidAndNothingIsWritten(string toAddress)
    {
        var sender = CreateSender();

        var error = await Assert.ThrowsAsync<KindredException>(() => sender.SendAsync(toAddress, "Hi", "Hi", string.Empty));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("email", error.Field);
        Assert.False(Directory.Exists(sender.PickupDirectory));
    }

    private EmailSender CreateSender() => new(
        new EmailOptions { FromAddress = "noreply@kindred.example", FromName = "Kindred" },
        dataDirectory,
        NullLogger<EmailSender>.Instance);
}
