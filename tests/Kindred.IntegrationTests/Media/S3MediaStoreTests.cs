using System.Net;
using System.Security.Cryptography;
using Kindred.Core.Common;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.Server.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kindred.IntegrationTests.Media;

/// <summary>
/// What only the object store has (ADR 98): <c>media migrate</c> from the local folder of an existing install into the
/// store, verified, resumable and back; and a store that does not answer, which makes reads and uploads a clear 503 and
/// writes nothing to the database that points at a missing object.
/// </summary>
public abstract class S3MediaStoreTests(MediaStoreApp app) : MediaStoreTests(app)
{
    private async Task<(int Code, string Output)> MigrateAsync(string from, string to)
    {
        var database = App.Services.GetRequiredService<IOptions<KindredOptions>>().Value.Database;
        var args = new List<string> { "media", "migrate", "--from", from, "--to", to, "--data-directory", App.DataDirectory, "--database-provider", database.Provider };
        if (database.ConnectionString is { } connection)
        {
            args.AddRange(["--connection-string", connection]);
        }
        foreach (var (key, value) in App.S3!.Settings())
        {
            args.AddRange(["--set", $"{key}={value}"]);
        }
        using var output = new StringWriter();
        var code = await CommandLine.RunAsync([.. args], output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task MigrateCopiesAnInstallsLocalFolderIntoTheStoreVerifiedAndResumable()
    {
        // An install that kept its files in the local folder until now: three pictures and an export.
        var media = Path.Combine(App.DataDirectory, "media", "attachments");
        var exports = Path.Combine(App.DataDirectory, "exports");
        Directory.CreateDirectory(media);
        Directory.CreateDirectory(exports);
        var pictures = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var key = $"attachments/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.png";
            await File.WriteAllBytesAsync(Path.Combine(App.DataDirectory, "media", key), TestImages.Png(20 + i, 20));
            pictures.Add(key);
        }
        var archive = MediaKeys.ExportsPrefix + "4242.zip";
        await File.WriteAllBytesAsync(Path.Combine(exports, "4242.zip"), RandomNumberGenerator.GetBytes(70_000));

        var (code, output) = await MigrateAsync("local", "s3");
        Assert.True(code == 0, output);
        Assert.Contains("Copied 4 objects", output, StringComparison.Ordinal);
        Assert.Contains("0 were already there; 0 failed", output, StringComparison.Ordinal);
        // Served from the store, through the server, the same bytes as the files.
        foreach (var key in pictures)
        {
            var response = await App.Browser().GetAsync("/media/" + key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(App.DataDirectory, "media", key)), await response.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(exports, "4242.zip")), await App.StoredBytesAsync(archive));

        // Cut short (one object missing): run again, and only that one is copied.
        await App.Store.DeleteAsync(pictures[0], CancellationToken.None);
        (code, output) = await MigrateAsync("local", "s3");
        Assert.True(code == 0, output);
        Assert.Contains("Copied 1 objects", output, StringComparison.Ordinal);
        Assert.Contains("3 were already there; 0 failed", output, StringComparison.Ordinal);
        Assert.NotNull(await App.Store.SizeAsync(pictures[0], CancellationToken.None));

        // And back: a file lost from the folder comes back from the store, identical.
        var original = await File.ReadAllBytesAsync(Path.Combine(App.DataDirectory, "media", pictures[1]));
        File.Delete(Path.Combine(App.DataDirectory, "media", pictures[1]));
        (code, output) = await MigrateAsync("s3", "local");
        Assert.True(code == 0, output);
        Assert.Contains("0 failed", output, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllBytesAsync(Path.Combine(App.DataDirectory, "media", pictures[1])));

        (code, output) = await MigrateAsync("s3", "s3");
        Assert.Equal(1, code);
        Assert.Contains("the same store", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheStoreAwayReadsAndUploadsAnswer503AndNothingIsHalfWritten()
    {
        var member = await MemberAsync("ms_out");
        var path = PathOf(await UploadAsync(member.Token), "url");
        var (_, browser) = await App.SignedInAsync(Name("ms_outexp"));
        var (link, zip) = await App.ExportAsync(browser);
        zip.Dispose();
        var uploads = await App.WithDbAsync(db => db.MediaAttachments.CountAsync(m => m.AccountId == member.Id));

        App.S3!.Pause();
        try
        {
            var read = await App.Browser().GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.NotNull(read.Headers.RetryAfter);
            var upload = await App.Api(member.Token).PostAsync("/api/v2/media", Picture());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, upload.StatusCode);
            Assert.Contains("file storage", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var avatar = await App.Api(member.Token).PatchAsync("/api/v1/accounts/update_credentials", Picture("avatar"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, avatar.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync(link)).StatusCode);

            // No row points at an object that was never written.
            Assert.Equal(uploads, await App.WithDbAsync(db => db.MediaAttachments.CountAsync(m => m.AccountId == member.Id)));
            Assert.Null(await App.WithDbAsync(db => db.Accounts.Where(a => a.Id == member.Id).Select(a => a.AvatarFile).SingleAsync()));
        }
        finally
        {
            App.S3.Resume();
        }
        var again = await App.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
    }
}

public sealed class MediaStoreS3SqliteTests(S3MediaSqliteApp app) : S3MediaStoreTests(app), IClassFixture<S3MediaSqliteApp>;

public sealed class MediaStoreS3PostgresTests(S3MediaPostgresApp app) : S3MediaStoreTests(app), IClassFixture<S3MediaPostgresApp>;
