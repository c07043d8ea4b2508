using System.Data.Common;

namespace Hookline.Deliveries;

/// <summary>
/// Runs many rows' statements in one transaction at the cost of few round trips: on SQLite each statement is
/// prepared once and run per row (in process, a run costs microseconds); where the provider batches commands
/// (PostgreSQL), the rows' commands go together, one round trip per flush.
/// </summary>
public sealed class StatementBatch(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private const int RowsPerRoundTrip = 500;
    private readonly List<DbCommand> _prepared = [];
    private readonly List<DbBatchCommand> _checked = [];
    private DbBatch? _batch;

    public sealed record Shape(string Sql, string[] Names, DbCommand? Command);

    /// <summary>A null of a known type: PostgreSQL cannot infer one from a bare NULL in a CASE or a SELECT list.</summary>
    public sealed record TypedNull(System.Data.DbType Type);

    public static readonly TypedNull NullLong = new(System.Data.DbType.Int64);
    public static readonly TypedNull NullInt = new(System.Data.DbType.Int32);
    public static readonly TypedNull NullText = new(System.Data.DbType.String);

    public Shape Statement(string sql, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (connection.CanCreateBatch) return new Shape(sql, names, null);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names) Add(command, name, null);
        _prepared.Add(command);
        return new Shape(sql, names, command);
    }

    public Task RunAsync(Shape shape, CancellationToken ct, params object?[] values) => RunRowAsync(shape, mustChangeARow: false, values, ct);

    /// <summary>As <see cref="RunAsync(Shape, CancellationToken, object?[])"/>; throws <see cref="NoRowChangedException"/> (now or at the flush) if it changed no row.</summary>
    public Task RunCheckedAsync(Shape shape, CancellationToken ct, params object?[] values) => RunRowAsync(shape, mustChangeARow: true, values, ct);

    private async Task RunRowAsync(Shape shape, bool mustChangeARow, object?[] values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
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

    public async ValueTask DisposeAsync()
    {
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
