using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kindred.Bench.Generation;

/// <summary>
/// Writes entity objects straight into their tables, far faster than SaveChanges. Table and column names, value
/// converters and store types come from the EF Core model, so the generated data always has the shape the server
/// reads; nothing here hard-codes the schema.
/// </summary>
public abstract class BulkWriter(BenchDatabase database) : IAsyncDisposable
{
    protected BenchDatabase Database { get; } = database;

    public long RowsWritten { get; private set; }

    public async Task WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default)
        where T : class
    {
        await using var db = Database.CreateContext();
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null && p.GetColumnName(store) is not null)
            .Select(p => new Column(p, p.GetColumnName(store)!, p.GetRelationalTypeMapping()))
            .ToList();
        RowsWritten += await WriteRowsAsync(entityType.GetSchema(), table, columns, rows.Cast<object>(), ct);
    }

    protected abstract Task<long> WriteRowsAsync(string? schema, string table, IReadOnlyList<Column> columns, IEnumerable<object> rows, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    /// <summary>One mapped property: its column and the type mapping that turns a CLR value into what the database stores.</summary>
    public sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        public object? ProviderValue(object row)
        {
            var value = Property.PropertyInfo!.GetValue(row);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }
}
