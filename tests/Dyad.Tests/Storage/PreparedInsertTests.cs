using Dyad.Storage;
using Microsoft.Data.Sqlite;

namespace Dyad.Tests.Storage;

public class PreparedInsertTests
{
    private static SqliteConnection Open()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, x REAL, s TEXT, flag INTEGER)";
        create.ExecuteNonQuery();
        return connection;
    }

    [Fact]
    public void ValuesAreStoredByPositionWithTheirSqliteTypes()
    {
        using var connection = Open();
        using (var insert = new PreparedInsert(connection, "INSERT INTO t (id, n, x, s, flag) VALUES ($id, $n, $x, $s, $f)"))
        {
            Assert.Equal(5, insert.ParameterCount);
            insert.Execute("a", 7, -2.5, "Ünïcode “quotes” —", true);
            insert.Execute("b", 9_000_000_000L, null, null, false);
        }
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT id, n, typeof(n), x, typeof(x), s, flag FROM t ORDER BY id";
        using var rows = read.ExecuteReader();
        Assert.True(rows.Read());
        Assert.Equal(("a", 7L, "integer", -2.5, "real", "Ünïcode “quotes” —", 1L),
            (rows.GetString(0), rows.GetInt64(1), rows.GetString(2), rows.GetDouble(3), rows.GetString(4), rows.GetString(5), rows.GetInt64(6)));
        Assert.True(rows.Read());
        Assert.Equal(9_000_000_000L, rows.GetInt64(1));
        Assert.True(rows.IsDBNull(3));
        Assert.True(rows.IsDBNull(5));
        Assert.Equal(0L, rows.GetInt64(6));
    }

    [Fact]
    public void AFailedRowRaisesSqlitesErrorAndTheStatementStaysUsable()
    {
        using var connection = Open();
        using var insert = new PreparedInsert(connection, "INSERT INTO t (id, n) VALUES ($id, $n)");
        insert.Execute("a", 1);
        var error = Assert.Throws<SqliteException>(() => insert.Execute("a", 2));
        Assert.Contains("UNIQUE", error.Message);
        insert.Execute("b", 3);
        Assert.Throws<ArgumentException>(() => insert.Execute("c"));
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t";
        Assert.Equal(2L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public void BadSqlIsRefusedWhenPrepared()
        => Assert.Throws<SqliteException>(() => new PreparedInsert(Open(), "INSERT INTO nowhere VALUES ($a)"));
}
