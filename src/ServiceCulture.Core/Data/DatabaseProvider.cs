namespace ServiceCulture.Data;

/// <summary>The database engines the portal runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}
