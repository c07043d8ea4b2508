using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hookline.Operations;

/// <summary>
/// Whether a failure is the database being out of reach (down, restarting, cut off, read-only, full) rather than a
/// defect or a conflict: such a request is answered 503 with Retry-After, so a client tries again, and is never told
/// that something was stored when it was not.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Seconds a client is asked to wait; a restart of PostgreSQL takes a few.</summary>
    public const int RetryAfterSeconds = 5;

    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN (primary codes).
    private static readonly int[] SqliteUnavailable = [5, 6, 8, 10, 13, 14];

    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    // Server-side: shutting down, starting up, too many connections, and the like (class 08, 53, 57P).
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SqliteException sqlite when SqliteUnavailable.Contains(sqlite.SqliteErrorCode & 0xFF):
                    return true;
                case DbException:
                    return false;
            }
        }
        return false;
    }
}
