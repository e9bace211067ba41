using System.Text.RegularExpressions;
using Npgsql;

namespace Kindred.Bench.Generation;

/// <summary>Binary COPY, PostgreSQL's bulk path, typed by each column's store type from the EF Core model.</summary>
public sealed partial class PostgresBulkWriter(BenchDatabase database) : BulkWriter(database)
{
    private NpgsqlConnection? connection;

    protected override async Task<long> WriteRowsAsync(string? schema, string table, IReadOnlyList<Column> columns, IEnumerable<object> rows, CancellationToken ct)
    {
        var db = await OpenAsync(ct);
        var target = schema is null ? $"\"{table}\"" : $"\"{schema}\".\"{table}\"";
        // "character varying(100)" is written as "character varying": COPY takes the base type; the column checks the length.
        var types = columns.Select(c => Facets().Replace(c.Mapping.StoreType, "")).ToArray();
        long written = 0;
        await using (var importer = await db.BeginBinaryImportAsync(
            $"COPY {target} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                for (var i = 0; i < columns.Count; i++)
                {
                    if (columns[i].ProviderValue(row) is { } value)
                    {
                        await importer.WriteAsync(value, types[i], ct);
                    }
                    else
                    {
                        await importer.WriteNullAsync(ct);
                    }
                }
                written++;
            }
            await importer.CompleteAsync(ct);
        }
        return written;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (connection is null)
        {
            connection = new NpgsqlConnection(Database.ConnectionString);
            await connection.OpenAsync(ct);
        }
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection))
            {
                analyze.CommandTimeout = 0;
                await analyze.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
            connection = null;
        }
    }

    [GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial Regex Facets();
}
