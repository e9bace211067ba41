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
        // As on SQLite: secondary indexes are rebuilt after the load, the primary key stays.
        var indexes = await DefinitionsAsync(db,
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = @table AND i.schemaname = COALESCE(@schema, current_schema()) " +
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", table, schema, target, ct);
        // Foreign keys too: checked row by row they are two index probes for each of the home feed's 72 million rows;
        // added back after the load, PostgreSQL checks them all in one join.
        var foreignKeys = await DefinitionsAsync(db,
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = @target::regclass", table, schema, target, ct);
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(db, $"DROP INDEX \"{name}\"", ct);
        }
        foreach (var (name, _) in foreignKeys)
        {
            await ExecuteAsync(db, $"ALTER TABLE {target} DROP CONSTRAINT \"{name}\"", ct);
        }
        long written = 0;
        await using (var importer = await db.BeginBinaryImportAsync(
            $"COPY {target} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", ct))
        {
            importer.Timeout = TimeSpan.Zero;
            // Synchronous writes: the importer buffers, and an await per value costs more than the copy itself.
            foreach (var row in rows)
            {
                importer.StartRow();
                for (var i = 0; i < columns.Count; i++)
                {
                    if (columns[i].ProviderValue(row) is { } value)
                    {
                        importer.Write(value, types[i]);
                    }
                    else
                    {
                        importer.WriteNull();
                    }
                }
                written++;
            }
            await importer.CompleteAsync(ct);
        }
        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(db, definition, ct);
        }
        foreach (var (name, definition) in foreignKeys)
        {
            await ExecuteAsync(db, $"ALTER TABLE {target} ADD CONSTRAINT \"{name}\" {definition}", ct);
        }
        return written;
    }

    // Name and definition pairs of a table's indexes or constraints; the query may use @table, @schema and @target.
    private static async Task<List<(string Name, string Definition)>> DefinitionsAsync(NpgsqlConnection db, string sql, string table, string? schema, string target, CancellationToken ct)
    {
        var found = new List<(string Name, string Definition)>();
        await using var list = new NpgsqlCommand(sql, db);
        list.Parameters.AddWithValue("table", table);
        list.Parameters.Add(new NpgsqlParameter("schema", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)schema ?? DBNull.Value });
        list.Parameters.AddWithValue("target", target);
        await using var reader = await list.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add((reader.GetString(0), reader.GetString(1)));
        }
        return found;
    }

    // No timeout: rebuilding an index or checking a foreign key over 72 million rows takes minutes.
    private static async Task ExecuteAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (connection is null)
        {
            // A 72-million-row COPY at scale L outlasts any default timeout; a timeout mid-COPY breaks the connection.
            var settings = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { CommandTimeout = 0, KeepAlive = 30 };
            connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(ct);
        }
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        // After a failed COPY the connection is broken; the error that broke it is the one to see, not ANALYZE's.
        if (connection is { State: System.Data.ConnectionState.Open })
        {
            await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection))
            {
                analyze.CommandTimeout = 0;
                await analyze.ExecuteNonQueryAsync();
            }
        }
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    [GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial Regex Facets();
}
