using System.CommandLine;
using System.Globalization;
using Kindred.Core.Common;
using Kindred.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Cli;

/// <summary><c>media migrate --from local --to s3</c> (and back): copies every picture and export between the local
/// folder and the object store configured under Kindred:Media (ADR 98), verified and resumable.</summary>
public static class MediaCommands
{
    private static readonly string[] StoreNames = ["local", "s3"];

    public static Command Media(Option<string?> dataDirectory)
    {
        var media = new Command("media", "Manage the media store (pictures and exports).");
        var from = new Option<string>("--from") { Description = "The store to copy from: local or s3.", Required = true };
        var to = new Option<string>("--to") { Description = "The store to copy to: local or s3.", Required = true };
        from.AcceptOnlyFromAmong(StoreNames);
        to.AcceptOnlyFromAmong(StoreNames);
        var migrate = new Command("migrate", "Copies every object from one store to the other, checks each copy's size and SHA-256, and skips what the " +
            "target already holds, so it can be run again after an interruption. Then set Kindred:Media:Store to the target and restart.") { from, to };
        migrate.SetAction((parse, ct) => CommandLine.RunAsync(parse, dataDirectory, async services =>
        {
            var source = parse.GetValue(from)!;
            var target = parse.GetValue(to)!;
            if (source == target)
            {
                throw KindredException.Invalid("to", "--from and --to name the same store.");
            }
            var options = services.GetRequiredService<IOptions<KindredOptions>>().Value;
            var sourceStore = MediaStores.Create(source, options);
            var targetStore = MediaStores.Create(target, options);
            try
            {
                var result = await MediaMigration.CopyAsync(sourceStore, targetStore, parse.InvocationConfiguration.Error, ct);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"Copied {result.Copied} objects ({result.BytesCopied} bytes) from {source} to {target}; {result.Skipped} were already there; {result.Failed} failed.");
                return result.Failed > 0 ? throw KindredException.Conflict(line + " Run the command again.") : line;
            }
            catch (MediaStoreUnavailableException e)
            {
                throw KindredException.Conflict(e.Message + " Nothing was removed; run the command again when the store answers.");
            }
            finally
            {
                (sourceStore as IDisposable)?.Dispose();
                (targetStore as IDisposable)?.Dispose();
            }
        }));
        media.Subcommands.Add(migrate);
        return media;
    }
}
