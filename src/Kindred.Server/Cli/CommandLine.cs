using System.CommandLine;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Invitations;
using Kindred.Core.Setup;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Cli;

/// <summary>The admin command line of the same executable: setup, admin tasks, the demo community, backup and restore.</summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["setup", "admin", "demo", "backup", "restore", "counts", "media", "--help", "-h", "-?", "help", "--version"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        var root = new RootCommand("Kindred: a community platform for charities. Without a command it runs the server. " +
            "Commands read the same configuration as the server (appsettings.json, Kindred__* environment variables).");
        root.Options.Add(DataDirectoryOption);
        root.Options.Add(ProviderOption);
        root.Options.Add(ConnectionStringOption);
        root.Options.Add(SettingOption);
        var dataDirectory = DataDirectoryOption;
        root.Subcommands.Add(SetupCommand(dataDirectory));
        root.Subcommands.Add(AdminCommand(dataDirectory));
        root.Subcommands.Add(DemoCommands.Demo(dataDirectory));
        root.Subcommands.Add(BackupCommands.Backup(dataDirectory));
        root.Subcommands.Add(BackupCommands.Restore(dataDirectory));
        root.Subcommands.Add(CountCommands.Counts(dataDirectory));
        root.Subcommands.Add(MediaCommands.Media(dataDirectory));
        var configuration = new InvocationConfiguration();
        if (output is not null)
        {
            configuration.Output = output;
            configuration.Error = output;
        }
        return await root.Parse(args).InvokeAsync(configuration);
    }

    private static readonly Option<string?> DataDirectoryOption = new("--data-directory") { Description = "Overrides Kindred:DataDirectory.", Recursive = true };
    private static readonly Option<string?> ProviderOption = new("--database-provider") { Description = "Overrides Kindred:Database:Provider (sqlite or postgres).", Recursive = true };
    private static readonly Option<string?> ConnectionStringOption = new("--connection-string") { Description = "Overrides Kindred:Database:ConnectionString.", Recursive = true };

    private static readonly Option<string[]> SettingOption = new("--set")
    {
        Description = "Sets any configuration value for this command, as KEY=VALUE (e.g. --set Kindred:Media:S3:Bucket=kindred); repeatable.",
        Recursive = true,
    };

    /// <summary>The services of the server, without the web host, migrated and ready.</summary>
    internal static async Task<WebApplication> BuildAsync(ParseResult parse, Option<string?> dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(ServerDefaults.Options([]));
        if (parse.GetValue(dataDirectory) is { Length: > 0 } directory)
        {
            builder.Configuration["Kindred:DataDirectory"] = directory;
        }
        if (parse.GetValue(ProviderOption) is { Length: > 0 } provider)
        {
            builder.Configuration["Kindred:Database:Provider"] = provider;
        }
        if (parse.GetValue(ConnectionStringOption) is { Length: > 0 } connection)
        {
            builder.Configuration["Kindred:Database:ConnectionString"] = connection;
        }
        foreach (var setting in parse.GetValue(SettingOption) ?? [])
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw KindredException.Invalid("set", $"--set takes KEY=VALUE, not '{setting}'.");
            }
            builder.Configuration[setting[..equals]] = setting[(equals + 1)..];
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddKindredCore();
        builder.Services.AddHttpContextAccessor();
        builder.AddKindredIdentity();
        var app = builder.Build();
        await app.Services.MigrateDatabaseAsync();
        return app;
    }

    private static Command SetupCommand(Option<string?> dataDirectory)
    {
        var organization = new Option<string>("--organization") { Description = "The organization's name.", Required = true };
        var description = new Option<string?>("--description") { Description = "A short description." };
        var language = new Option<string>("--language") { Description = "Default language: en or fr.", DefaultValueFactory = _ => "en" };
        var area = new Option<string?>("--area") { Description = "The area the organization serves." };
        var username = new Option<string>("--username") { Description = "The owner's username.", Required = true };
        var email = new Option<string>("--email") { Description = "The owner's e-mail address.", Required = true };
        var password = new Option<string>("--password") { Description = "The owner's password (10 characters or more).", Required = true };
        var command = new Command("setup", "Creates the organization and its owner on an empty data directory, without the setup page.")
        {
            organization, description, language, area, username, email, password,
        };
        command.SetAction((parse, ct) => RunAsync(parse, dataDirectory, async services =>
        {
            var created = await services.GetRequiredService<SetupService>().CompleteAsync(new SetupRequest(
                parse.GetValue(organization)!, parse.GetValue(description), parse.GetValue(language)!, parse.GetValue(area),
                parse.GetValue(username)!, parse.GetValue(email)!, parse.GetValue(password)!), ct);
            var db = services.GetRequiredService<KindredDbContext>();
            var account = await db.Accounts.AsNoTracking().Where(a => a.Id == created.AccountId).Select(a => a.Username).FirstOrDefaultAsync(ct);
            return $"Set up {parse.GetValue(organization)} with owner {parse.GetValue(username)}; the organization's own account is @{account} (nobody signs in to it).";
        }));
        return command;
    }

    private static Command AdminCommand(Option<string?> dataDirectory)
    {
        var admin = new Command("admin", "Manage users and invitations.");

        var username = new Option<string>("--username") { Description = "The username.", Required = true };
        var email = new Option<string>("--email") { Description = "The e-mail address.", Required = true };
        var password = new Option<string>("--password") { Description = "The password (10 characters or more).", Required = true };
        var role = new Option<string>("--role") { Description = "member, staff, moderator, admin or owner.", DefaultValueFactory = _ => "member" };
        var create = new Command("create-user", "Creates an active, confirmed account.") { username, email, password, role };
        create.SetAction((parse, ct) => RunAsync(parse, dataDirectory, async services =>
        {
            var parsedRole = ParseRole(parse.GetValue(role));
            var user = await services.GetRequiredService<AccountService>().CreateUserAsync(
                new NewUser(parse.GetValue(username)!, parse.GetValue(email)!, parse.GetValue(password)!, parsedRole), ct);
            return $"Created {user.UserName} ({Roles.Name(user.Role)}).";
        }));
        admin.Subcommands.Add(create);

        var resetUser = new Option<string>("--username") { Description = "The username.", Required = true };
        var newPassword = new Option<string>("--password") { Description = "The new password.", Required = true };
        var reset = new Command("reset-password", "Sets a new password for an account.") { resetUser, newPassword };
        reset.SetAction((parse, ct) => RunAsync(parse, dataDirectory, async services =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var user = await accounts.FindLocalAsync(parse.GetValue(resetUser)!, ct) ?? throw KindredException.NotFound("No such user.");
            await accounts.ResetPasswordAsync(user.Id, parse.GetValue(newPassword)!, ct);
            return $"Password changed for {user.UserName}.";
        }));
        admin.Subcommands.Add(reset);

        var roleUser = new Option<string>("--username") { Description = "The username.", Required = true };
        var newRole = new Option<string>("--role") { Description = "member, staff, moderator, admin or owner.", Required = true };
        var setRole = new Command("set-role", "Changes an account's role (the command line acts as the owner).") { roleUser, newRole };
        setRole.SetAction((parse, ct) => RunAsync(parse, dataDirectory, async services =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var user = await accounts.FindLocalAsync(parse.GetValue(roleUser)!, ct) ?? throw KindredException.NotFound("No such user.");
            await accounts.SetRoleAsync(null, UserRole.Owner, user.Id, ParseRole(parse.GetValue(newRole)), ct);
            return $"{user.UserName} is now {parse.GetValue(newRole)!.ToLowerInvariant()}.";
        }));
        admin.Subcommands.Add(setRole);

        var suspendUser = new Option<string>("--username") { Description = "The username.", Required = true };
        var suspend = new Command("suspend", "Suspends an account: it can no longer sign in, and its sessions and app tokens end (ADR 44).") { suspendUser };
        suspend.SetAction((parse, ct) => RunAsync(parse, dataDirectory, async services =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var user = await accounts.FindLocalAsync(parse.GetValue(suspendUser)!, ct) ?? throw KindredException.NotFound("No such user.");
            await accounts.SuspendAsync(null, UserRole.Owner, user.Id, ct);
            return $"{user.UserName} is suspended.";
        }));
        admin.Subcommands.Add(suspend);

        var approveUser = new Option<string>("--username") { Description = "The applicant's username.", Required = true };
        var approve = new Command("approve", "Approves a pending application.") { approveUser };
        approve.SetAction((parse, ct) => RunAsync(parse, dataDirectory, async services =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var user = await accounts.FindLocalAsync(parse.GetValue(approveUser)!, ct) ?? throw KindredException.NotFound("No such user.");
            await accounts.ApproveAsync(null, user.Id, ct);
            return $"Approved {user.UserName}.";
        }));
        admin.Subcommands.Add(approve);

        var maxUses = new Option<int?>("--max-uses") { Description = "How many sign-ups it allows (default: no limit)." };
        var days = new Option<int?>("--expires-in-days") { Description = "Days until it expires (default: never)." };
        var note = new Option<string?>("--note") { Description = "A note for admins." };
        var invite = new Command("create-invitation", "Creates an invitation code and prints it.") { maxUses, days, note };
        invite.SetAction((parse, ct) => RunAsync(parse, dataDirectory, async services =>
        {
            var expires = parse.GetValue(days) is { } d ? TimeSpan.FromDays(d) : (TimeSpan?)null;
            var invitation = await services.GetRequiredService<InvitationService>().CreateAsync(null, new NewInvitation(parse.GetValue(maxUses), expires, parse.GetValue(note)), ct);
            return invitation.Code;
        }));
        admin.Subcommands.Add(invite);
        return admin;
    }

    private static UserRole ParseRole(string? value) =>
        Roles.TryParse(value, out var role) ? role : throw KindredException.Invalid("role", "The role must be member, staff, moderator, admin or owner.");

    /// <summary>Runs one task against the configured database; core errors become a message and exit code 1.</summary>
    internal static async Task<int> RunAsync(ParseResult parse, Option<string?> dataDirectory, Func<IServiceProvider, Task<string>> task)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            await using var app = await BuildAsync(parse, dataDirectory);
            await using var scope = app.Services.CreateAsyncScope();
            await output.WriteLineAsync(await task(scope.ServiceProvider));
            return 0;
        }
        catch (KindredException e)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return 1;
        }
    }
}
