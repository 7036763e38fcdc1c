using Microsoft.Data.Sqlite;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>Copies a SQLite database file page by page through SQLite's backup API, safely under a running host.</summary>
public static class SqliteFiles
{
    public static void Copy(string fromPath, string toPath)
    {
        using var from = Open(fromPath);
        using var to = Open(toPath);
        from.BackupDatabase(to);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}
