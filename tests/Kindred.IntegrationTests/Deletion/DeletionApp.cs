using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Deletion;

/// <summary>A server whose own job runner leaves deletions alone: the tests run them when they choose, so no deletion
/// is half-way through in the background while a test looks at the database.</summary>
public class DeletionApp : KindredApp
{
    public DeletionApp(DatabaseKind database)
        : base(database)
    {
        Set("Kindred:Jobs:Paused", "mail,account.delete");
    }
}

public sealed class DeletionSqliteApp() : DeletionApp(DatabaseKind.Sqlite);

public sealed class DeletionPostgresApp() : DeletionApp(DatabaseKind.Postgres);
