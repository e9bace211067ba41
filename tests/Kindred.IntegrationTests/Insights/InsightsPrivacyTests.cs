using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Insights;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.VisualBasic.FileIO;
using static Kindred.IntegrationTests.Insights.InsightsWorld;

namespace Kindred.IntegrationTests.Insights;

/// <summary>
/// The two privacy rules of the insights (ADR 57) as matrices: a figure over 1 to 4 people reads "fewer than 5" in the
/// stored figures (so in the chart data), on the page and in the CSV, while 0 and 5 or more show; and a sensitive aid item
/// never makes a tie, so nothing about it changes what staff see of a person (the isolated list).
/// </summary>
public abstract class InsightsPrivacyTests(KindredApp app)
{
    public static TheoryData<int> ChapterSizes => new() { 0, 1, 2, 4, 5, 6 };

    [Theory]
    [MemberData(nameof(ChapterSizes))]
    public async Task AChapterOfFewerThanFiveMembersReadsFewerThanFiveOnThePageInTheCsvAndInTheStoredFigures(int size)
    {
        var world = new InsightsWorld(app);
        var prefix = $"sz{size}";
        await world.PersonAsync(prefix + "staff", DateTime.UtcNow.AddDays(-3), role: UserRole.Staff);
        var members = new List<string>();
        for (var i = 0; i < size; i++)
        {
            members.Add($"{prefix}m{i}");
            await world.PersonAsync(members[^1], DateTime.UtcNow.AddDays(-2));
        }
        var parent = await world.GroupAsync(prefix + "-city", prefix + " city", null, prefix + "staff");
        // The staff member is in the chapter too: the organization is not counted among its members.
        await world.GroupAsync(prefix + "-chapter", $"Chapter of {size}", parent, [prefix + "staff", .. members]);

        var snapshot = await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<InsightsService>().SnapshotAsync();
            return await s.GetRequiredService<InsightsService>().LatestAsync(world.People[prefix + "staff"]);
        });
        var cell = snapshot!.Figures!.Tables.Single(t => t.Id == "growth-chapters").Rows.Single(r => r.Label == $"Chapter of {size}").Cells[0];
        var hidden = size is > 0 and < 5;
        Assert.Equal(hidden, cell.Suppressed);
        Assert.Equal(hidden ? null : size, cell.Value);

        var staff = app.Browser();
        await AccountFlowTests.SignInAsync(staff, prefix + "staff", KindredApp.Password);
        var page = await staff.GetStringAsync("/staff/insights");
        var shown = Regex.Match(page, $@"Chapter of {size}</th>\s*<td>([^<]*)</td>").Groups[1].Value;
        Assert.Equal(hidden ? "fewer than 5" : size.ToString(System.Globalization.CultureInfo.InvariantCulture), shown);

        var csv = await staff.GetStringAsync($"/staff/insights/report/{snapshot.Id}.csv");
        var row = Parse(csv).Single(r => r[1] == "Members by chapter" && r[2] == $"Chapter of {size}" && r[3] == "Members");
        Assert.Equal(hidden ? "fewer than 5" : size.ToString(System.Globalization.CultureInfo.InvariantCulture), row[4]);
    }

    public static TheoryData<bool, AidResponseState> AidCases => new()
    {
        { false, AidResponseState.Accepted }, { true, AidResponseState.Accepted }, { false, AidResponseState.Pending }, { true, AidResponseState.Pending },
    };

    [Theory]
    [MemberData(nameof(AidCases))]
    public async Task OnlyAnAcceptedAnswerToAPlainRequestTiesTwoMembersASensitiveOneNever(bool sensitive, AidResponseState state)
    {
        var world = new InsightsWorld(app);
        var prefix = $"aid{(sensitive ? "s" : "p")}{(int)state}";
        await world.PersonAsync(prefix + "asker", Day(1, 10));
        await world.PersonAsync(prefix + "helper", Day(1, 10));
        await world.RequestAsync(prefix + "asker", Day(2, 1), sensitive, prefix + "helper", state);

        var clock = new FakeTimeProvider(new DateTimeOffset(Day(7, 1).Date));
        var figures = await app.WithServicesAsync(s => new InsightsCalculator(s.GetRequiredService<KindredDbContext>(), clock).ComputeAsync(Day(1, 1).Date, Day(7, 1).Date));
        var isolated = figures.Tables.Single(t => t.Id == "ties-isolated").Rows.Select(r => r.Label).ToList();
        var tied = !sensitive && state == AidResponseState.Accepted;
        Assert.Equal(!tied, isolated.Contains("@" + prefix + "asker"));
        Assert.Equal(!tied, isolated.Contains("@" + prefix + "helper"));
        // Nothing names an aid item anywhere in the figures.
        Assert.DoesNotContain(figures.Tables.SelectMany(t => t.Rows), r => r.Label.Contains("help " + prefix, StringComparison.Ordinal));
    }

    public static TheoryData<string> FormulaStarts => new() { "=", "+", "-", "@", "\t", "\r" };

    [Theory]
    [MemberData(nameof(FormulaStarts))]
    public async Task ACsvCellThatASpreadsheetWouldRunAsAFormulaIsEscaped(string start)
    {
        var world = new InsightsWorld(app);
        var prefix = $"f{(int)start[0]}";
        var staffId = await world.PersonAsync(prefix + "staff", DateTime.UtcNow.AddDays(-3), role: UserRole.Staff);
        var parent = await world.GroupAsync(prefix + "-city", prefix + " city", null);
        await world.GroupAsync(prefix + "-chapter", start + "HYPERLINK(\"https://evil.example\")" + prefix, parent);
        var id = await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<InsightsService>().SnapshotAsync();
            return (await s.GetRequiredService<InsightsService>().LatestAsync(staffId))!.Id;
        });
        var staff = app.Browser();
        await AccountFlowTests.SignInAsync(staff, prefix + "staff", KindredApp.Password);
        var rows = Parse(await staff.GetStringAsync($"/staff/insights/report/{id}.csv"));
        Assert.Equal(["section", "table", "row", "column", "value", "unit"], rows[0]);
        Assert.All(rows, r => Assert.Equal(6, r.Length));
        var chapter = rows.First(r => r[2].Contains("HYPERLINK", StringComparison.Ordinal) && r[2].EndsWith(prefix, StringComparison.Ordinal));
        Assert.StartsWith("'", chapter[2], StringComparison.Ordinal);
        Assert.All(rows.SelectMany(r => r), field => Assert.False(field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r', field));
    }

    /// <summary>Reads CSV as a spreadsheet would (RFC 4180 quoting).</summary>
    public static List<string[]> Parse(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv.TrimStart('\uFEFF'))) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }
        return rows;
    }
}

public sealed class InsightsPrivacySqliteTests(SqliteApp app) : InsightsPrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class InsightsPrivacyPostgresTests(PostgresApp app) : InsightsPrivacyTests(app), IClassFixture<PostgresApp>;
