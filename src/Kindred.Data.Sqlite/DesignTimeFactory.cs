using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kindred.Data.Sqlite;

/// <summary>Used by `dotnet ef migrations add … --project src/Kindred.Data.Sqlite` only.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<KindredDbContext>
{
    public KindredDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KindredDbContext>();
        SqliteDatabase.Configure(options, SqliteDatabase.ConnectionStringFor("design-time.db"), compiledModel: false);
        return new KindredDbContext(options.Options);
    }
}
