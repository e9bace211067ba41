using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kindred.Data.Postgres;

/// <summary>Used by `dotnet ef migrations add … --project src/Kindred.Data.Postgres` only; it never connects.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<KindredDbContext>
{
    public KindredDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KindredDbContext>();
        PostgresDatabase.Configure(options, "Host=localhost;Database=kindred_design", compiledModel: false);
        return new KindredDbContext(options.Options);
    }
}
