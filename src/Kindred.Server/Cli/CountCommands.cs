using System.CommandLine;
using System.Globalization;
using Kindred.Data;
using Kindred.Data.Counting;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Cli;

/// <summary>counts repair: recounts every stored count (ADR 92) and says how many were wrong.</summary>
public static class CountCommands
{
    public static Command Counts(Option<string?> dataDirectory)
    {
        var counts = new Command("counts", "The stored counts (posts per account, favourites per post).");
        var repair = new Command("repair", "Recounts every stored count from the rows themselves and fixes the ones that differ. " +
            "Safe while the server runs; needed only after rows were changed outside Kindred (a restore of one table, hand-written SQL).");
        repair.SetAction((parse, ct) => CommandLine.RunAsync(parse, dataDirectory, async services =>
        {
            var db = services.GetRequiredService<KindredDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var (statuses, favourites) = await StoredCounts.RepairAsync(db, ct);
            return statuses + favourites == 0
                ? "Every stored count was right."
                : string.Create(CultureInfo.InvariantCulture,
                    $"Fixed {statuses} account post counts and {favourites} post favourite counts; every stored count is right now.");
        }));
        counts.Subcommands.Add(repair);
        return counts;
    }
}
