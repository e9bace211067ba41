using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kindred.Core.Common;
using Kindred.Core.Demo;
using Kindred.Core.Setup;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Cli;

/// <summary>demo seed: fills an empty server with the demo community (ADR 26), setting it up first when needed.</summary>
public static class DemoCommands
{
    public const string OwnerUsername = "owner";

    public static Command Demo(Option<string?> dataDirectory)
    {
        var demo = new Command("demo", "A demo community for evaluation.");
        var password = new Option<string?>("--password") { Description = "The password every demo member signs in with (default: a random one, printed at the end)." };
        var seed = new Command("seed", "Fills an empty server with a demo community: about 60 members, groups, follows, posts and invitations " +
            "over the last six weeks. Sets the server up first (with a demo organization) when that has not been done. " +
            "Refuses a server that already has members or posts.") { password };
        seed.SetAction((parse, ct) => CommandLine.RunAsync(parse, dataDirectory, async services =>
        {
            var setup = services.GetRequiredService<SetupService>();
            var seeder = services.GetRequiredService<DemoSeeder>();
            var output = new StringBuilder();
            await seeder.CheckPasswordAsync(parse.GetValue(password));
            if (!await seeder.IsEmptyAsync(ct))
            {
                throw KindredException.Conflict("This server already has members or posts. The demo community only goes into an empty server, so that nothing real is mixed with it.");
            }
            if (!await setup.IsCompleteAsync(ct))
            {
                var ownerPassword = "owner-" + RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12);
                await setup.CompleteAsync(new SetupRequest(
                    DemoContent.OrganizationName, DemoContent.OrganizationDescription, "en", DemoContent.OrganizationArea,
                    OwnerUsername, $"{OwnerUsername}@{DemoSeeder.EmailDomain}", ownerPassword), ct);
                output.AppendLine(CultureInfo.InvariantCulture, $"Set up \"{DemoContent.OrganizationName}\". The owner (an admin) signs in as {OwnerUsername} with the password: {ownerPassword}");
            }
            var options = services.GetRequiredService<IOptions<KindredOptions>>().Value;
            var baseUrl = string.IsNullOrWhiteSpace(options.PublicUrl) ? "http://localhost:5000" : options.PublicUrl.TrimEnd('/');
            var result = await seeder.SeedAsync(baseUrl, parse.GetValue(password), ct);
            output.AppendLine(CultureInfo.InvariantCulture,
                $"Demo community ready in {result.Elapsed.TotalSeconds:F1} s: {result.Members} members, {result.Groups} groups, {result.Follows} follows, {result.Posts} posts, {result.Invitations} invitations, {result.AidItems} requests and offers, {result.Events} events.");
            output.AppendLine(CultureInfo.InvariantCulture, $"The organization's account is @{result.OrganizationUsername}; nobody signs in to it (staff act for it).");
            output.Append(CultureInfo.InvariantCulture,
                $"Every demo member (e.g. {string.Join(", ", result.SampleUsernames)}) signs in with the password: {result.MemberPassword}");
            return output.ToString();
        }));
        demo.Subcommands.Add(seed);
        return demo;
    }
}
