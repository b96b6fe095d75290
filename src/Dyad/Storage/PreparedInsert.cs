using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dyad.Storage;

/// <summary>
/// An INSERT prepared once on a connection and bound by position through SQLite's own API.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite binds every parameter by name at every execution (a name lookup in the statement and
/// a UTF-8 copy of the name each time): with 35 columns per event row that was half of the store's time, and
/// the rows themselves (sqlite3_step) a tenth. The statement runs inside whatever transaction the connection has
/// open. Values are bound as SQLite types by their .NET type: integers (and bool) as INTEGER, double as REAL,
/// null as NULL, anything else as its text.
/// </remarks>
internal sealed class PreparedInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[1024];

    public PreparedInsert(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        int rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK) throw Error(rc);
        ParameterCount = raw.sqlite3_bind_parameter_count(_statement);
    }

    public int ParameterCount { get; }

    /// <summary>Binds values to the parameters in order (one value per parameter), inserts the row and resets the statement.</summary>
    public void Execute(params ReadOnlySpan<object?> values)
    {
        if (values.Length != ParameterCount) throw new ArgumentException($"{ParameterCount} values expected, {values.Length} given", nameof(values));
        for (int i = 0; i < values.Length; i++) Check(Bind(i + 1, values[i]));
        int rc = raw.sqlite3_step(_statement);
        // reset before raising, so the statement is usable again after a failed row (the caller rolls back)
        var error = rc == raw.SQLITE_DONE ? null : Error(rc);
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
        if (error != null) throw error;
    }

    private int Bind(int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        string text => BindText(index, text),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(_statement, index, real),
        float real => raw.sqlite3_bind_double(_statement, index, real),
        _ => BindText(index, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    private int BindText(int index, string text)
    {
        int most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_utf8.Length < most) _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        int length = Encoding.UTF8.GetBytes(text, _utf8);
        // SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer is free again for the next value
        return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw Error(rc);
    }

    private SqliteException Error(int rc) => new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);

    public void Dispose() => _statement.Dispose();
}
