using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hookline.Deliveries;

/// <summary>
/// Runs many rows' statements in one transaction at the cost of few round trips. On SQLite each statement is prepared
/// once and run per row on SQLite's own statement handle, its parameters bound by position: in process a row costs a
/// few microseconds, where an ADO.NET command's execution (binding each parameter by name, enumerating results) cost
/// several times that in the profile. Where the provider batches commands (PostgreSQL), the rows' commands go
/// together, one round trip per flush.
/// </summary>
public sealed class StatementBatch(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private const int RowsPerRoundTrip = 500;
    private readonly List<DbCommand> _prepared = [];
    private readonly List<sqlite3_stmt> _statements = [];
    private readonly List<DbBatchCommand> _checked = [];
    private DbBatch? _batch;

    public sealed record Shape(string Sql, string[] Names, DbCommand? Command, sqlite3_stmt? Statement = null, int[]? Positions = null);

    /// <summary>A null of a known type: PostgreSQL cannot infer one from a bare NULL in a CASE or a SELECT list.</summary>
    public sealed record TypedNull(System.Data.DbType Type);

    public static readonly TypedNull NullLong = new(System.Data.DbType.Int64);
    public static readonly TypedNull NullInt = new(System.Data.DbType.Int32);
    public static readonly TypedNull NullText = new(System.Data.DbType.String);

    public Shape Statement(string sql, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (connection.CanCreateBatch) return new Shape(sql, names, null);
        if (connection is SqliteConnection { Handle: { } db } sqlite)
        {
            // Microsoft.Data.Sqlite's own wait for a lock does not cover statements run on the handle: SQLite's busy
            // handler waits instead, as long as the connection string's Default Timeout says (it stays set on the
            // connection, so a fixed value here would override the operator's for every later command on it).
            if (_statements.Count == 0) raw.sqlite3_busy_timeout(db, BusyTimeoutMs(sqlite.DefaultTimeout));
            Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
            _statements.Add(statement);
            return new Shape(sql, names, null, statement, [.. names.Select(n => raw.sqlite3_bind_parameter_index(statement, "@" + n))]);
        }
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names) Add(command, name, null);
        _prepared.Add(command);
        return new Shape(sql, names, command);
    }

    /// <summary>As Microsoft.Data.Sqlite reads a timeout: seconds, 0 for no limit.</summary>
    private static int BusyTimeoutMs(int seconds) => seconds == 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, seconds * 1000L);

    public Task RunAsync(Shape shape, CancellationToken ct, params object?[] values) => RunRowAsync(shape, mustChangeARow: false, values, ct);

    /// <summary>As <see cref="RunAsync(Shape, CancellationToken, object?[])"/>; throws <see cref="NoRowChangedException"/> (now or at the flush) if it changed no row.</summary>
    public Task RunCheckedAsync(Shape shape, CancellationToken ct, params object?[] values) => RunRowAsync(shape, mustChangeARow: true, values, ct);

    private async Task RunRowAsync(Shape shape, bool mustChangeARow, object?[] values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        if (shape.Statement is { } statement)
        {
            if (RunRow(((SqliteConnection)connection).Handle!, statement, shape.Positions!, values) == 0 && mustChangeARow) throw new NoRowChangedException();
            return;
        }
        if (shape.Command is { } command)
        {
            for (var i = 0; i < values.Length; i++) Set(command.Parameters[i], values[i]);
            if (await command.ExecuteNonQueryAsync(ct) == 0 && mustChangeARow) throw new NoRowChangedException();
            return;
        }
        _batch ??= NewBatch();
        var batched = _batch.CreateBatchCommand();
        batched.CommandText = shape.Sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = batched.CreateParameter();
            parameter.ParameterName = "@" + shape.Names[i];
            Set(parameter, values[i]);
            batched.Parameters.Add(parameter);
        }
        _batch.BatchCommands.Add(batched);
        if (mustChangeARow) _checked.Add(batched);
        if (_batch.BatchCommands.Count >= RowsPerRoundTrip) await FlushAsync(ct);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_batch is not { BatchCommands.Count: > 0 } batch) return;
        _batch = null;
        await using (batch) await batch.ExecuteNonQueryAsync(ct);
        var unchanged = _checked.Exists(c => c.RecordsAffected == 0);
        _checked.Clear();
        if (unchanged) throw new NoRowChangedException();
    }

    private DbBatch NewBatch()
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        return batch;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        Set(parameter, value);
        command.Parameters.Add(parameter);
    }

    private static void Set(DbParameter parameter, object? value)
    {
        if (value is TypedNull typed)
        {
            parameter.DbType = typed.Type;
            parameter.Value = DBNull.Value;
        }
        else
        {
            parameter.Value = value ?? DBNull.Value;
        }
    }

    /// <summary>Binds one row's values by position, runs the statement, and says how many rows it changed.</summary>
    private static int RunRow(sqlite3 db, sqlite3_stmt statement, int[] positions, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var at = positions[i];
            var rc = values[i] switch
            {
                null or TypedNull or DBNull => raw.sqlite3_bind_null(statement, at),
                string text => raw.sqlite3_bind_text(statement, at, text),
                long n => raw.sqlite3_bind_int64(statement, at, n),
                int n => raw.sqlite3_bind_int64(statement, at, n),
                bool b => raw.sqlite3_bind_int64(statement, at, b ? 1 : 0),
                byte[] bytes => raw.sqlite3_bind_blob(statement, at, bytes),
                var other => throw new ArgumentException($"No SQLite binding for a {other.GetType().Name}.", nameof(values)),
            };
            Check(db, rc);
        }
        var stepped = raw.sqlite3_step(statement);
        var changed = raw.sqlite3_changes(db);
        var reset = raw.sqlite3_reset(statement);
        if (stepped is not (raw.SQLITE_DONE or raw.SQLITE_ROW)) Check(db, reset == raw.SQLITE_OK ? stepped : reset);
        return changed;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _statements) statement.Dispose();
        foreach (var command in _prepared) await command.DisposeAsync();
        if (_batch is not null) await _batch.DisposeAsync();
    }
}

/// <summary>A statement that had to change a row changed none: another writer got there first.</summary>
public sealed class NoRowChangedException : Exception
{
    public NoRowChangedException()
        : base("A row another writer changed first was not changed.")
    {
    }

    public NoRowChangedException(string message)
        : base(message)
    {
    }

    public NoRowChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
