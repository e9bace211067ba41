namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="DigestApp"/> (netDumbster mail, a second process on the same database with <c>sameDatabaseAs</c>) whose
/// event reminder job is off, so tests run reminder passes themselves on a clock they control.
/// </summary>
public class ReminderApp : DigestApp
{
    public ReminderApp(DatabaseKind database, ReminderApp? sameDatabaseAs = null)
        : base(database, sameDatabaseAs) => Set("Kindred:Events:Reminders:Enabled", "false");
}

public sealed class ReminderSqliteApp() : ReminderApp(DatabaseKind.Sqlite);

public sealed class ReminderPostgresApp() : ReminderApp(DatabaseKind.Postgres);
