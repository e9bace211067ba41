using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kindred.Bench.Generation;

/// <summary>One connection, one prepared INSERT per table, a commit every <see cref="BatchSize"/> rows. Durability is
/// switched off while loading (a crashed generation is simply run again) and back on before the server starts.</summary>
public sealed class SqliteBulkWriter(BenchDatabase database) : BulkWriter(database)
{
    private const int BatchSize = 200_000;
    private SqliteConnection? connection;

    protected override async Task<long> WriteRowsAsync(string? schema, string table, IReadOnlyList<Column> columns, IEnumerable<object> rows, CancellationToken ct)
    {
        var db = await OpenAsync(ct);
        using var command = db.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = columns.Select((c, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        // Secondary indexes are dropped and rebuilt after the load: building an index from sorted data is far faster
        // than millions of random B-tree inserts. The primary key stays (rows arrive in key order where it matters).
        var indexes = new List<(string Name, string Definition)>();
        using (var list = db.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL";
            list.Parameters.AddWithValue("$table", table);
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            using var drop = db.CreateCommand();
            drop.CommandText = $"DROP INDEX \"{name}\"";
            drop.ExecuteNonQuery();
        }
        long written = 0;
        var transaction = db.BeginTransaction();
        command.Transaction = transaction;
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = Provider(columns[i], row);
            }
            command.ExecuteNonQuery();
            if (++written % BatchSize == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = db.BeginTransaction();
                command.Transaction = transaction;
            }
        }
        transaction.Commit();
        transaction.Dispose();
        foreach (var (_, definition) in indexes)
        {
            using var rebuild = db.CreateCommand();
            rebuild.CommandText = definition;
            rebuild.ExecuteNonQuery();
        }
        return written;
    }

    /// <summary>What EF Core itself would bind: the converted value, with DateTimes in EF's SQLite text format.</summary>
    private static object Provider(Column column, object row) => column.ProviderValue(row) switch
    {
        null => DBNull.Value,
        DateTime d => d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture),
        var value => value,
    };

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        if (connection is null)
        {
            connection = new SqliteConnection(Database.ConnectionString);
            await connection.OpenAsync(ct);
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-262144;";
            pragmas.ExecuteNonQuery();
        }
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            using (var analyze = connection.CreateCommand())
            {
                // The planner's statistics, as a long-running installation would have them.
                analyze.CommandText = "PRAGMA optimize=0x10002; ANALYZE;";
                analyze.ExecuteNonQuery();
            }
            await connection.DisposeAsync();
            connection = null;
        }
    }
}
