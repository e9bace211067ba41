namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>Apps configured differently from the default (open registrations, password grant on).</summary>
public sealed class ApprovalModeApp : KindredApp
{
    public ApprovalModeApp()
        : base(DatabaseKind.Sqlite) => Set("Kindred:Registrations:Mode", "approval");
}

public sealed class InviteModeApp : KindredApp
{
    public InviteModeApp()
        : base(DatabaseKind.Sqlite) => Set("Kindred:Registrations:Mode", "invite");
}

public sealed class InviteModePostgresApp : KindredApp
{
    public InviteModePostgresApp()
        : base(DatabaseKind.Postgres) => Set("Kindred:Registrations:Mode", "invite");
}

/// <summary>A low sign-up throttle (ADR 73): three accounts per address per hour.</summary>
public sealed class SignUpGuardApp : KindredApp
{
    public SignUpGuardApp()
        : base(DatabaseKind.Sqlite) => Set("Kindred:Registrations:MaxPerIpPerHour", "3");
}

public sealed class SignUpGuardPostgresApp : KindredApp
{
    public SignUpGuardPostgresApp()
        : base(DatabaseKind.Postgres) => Set("Kindred:Registrations:MaxPerIpPerHour", "3");
}

/// <summary>Production defaults: no password grant.</summary>
public sealed class DefaultsApp : KindredApp
{
    public DefaultsApp()
        : base(DatabaseKind.Sqlite) => Set("Kindred:OAuth:AllowPasswordGrant", null);
}

/// <summary>A server whose setup has not been done yet.</summary>
public sealed class FreshApp() : KindredApp(DatabaseKind.Sqlite)
{
    protected override bool CompleteSetup => false;
}

public sealed class FreshPostgresApp() : KindredApp(DatabaseKind.Postgres)
{
    protected override bool CompleteSetup => false;
}

/// <summary>The security baseline's rate limits, unchanged.</summary>
public sealed class RateLimitedApp() : RateLimitedAppBase(DatabaseKind.Sqlite);

public sealed class RateLimitedPostgresApp() : RateLimitedAppBase(DatabaseKind.Postgres);

public abstract class RateLimitedAppBase : KindredApp
{
    protected RateLimitedAppBase(DatabaseKind database)
        : base(database)
    {
        Set("Kindred:RateLimits:SignInPerIp", null);
        Set("Kindred:RateLimits:SignInPerAccount", null);
        Set("Kindred:RateLimits:SignUpPerIp", null);
        Set("Kindred:RateLimits:EmailPerAddress", null);
        Set("Kindred:RateLimits:ApiPerToken", null);
        Set("Kindred:RateLimits:WebWritesPerAccount", null);
    }
}

/// <summary>Event-stream heartbeats every second, so a test sees them without waiting Mastodon's fifteen.</summary>
public sealed class HeartbeatApp : KindredApp
{
    public HeartbeatApp()
        : base(DatabaseKind.Sqlite) => Set("Kindred:Streaming:HeartbeatSeconds", "1");
}
