using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using ServiceCulture.Data;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

/// <summary>
/// On PostgreSQL the portal has Npgsql prepare the statements it runs again on a connection, so
/// the server plans a page's queries once per pooled connection (a connection string can say
/// otherwise), and writes row limits into the statements so that one plan does for every request.
/// </summary>
public sealed class PreparedStatementsTests(EnginesFixture engines) : EngineTest(engines)
{
    private static NpgsqlConnectionStringBuilder Read(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString }).Build();
        return new NpgsqlConnectionStringBuilder(DatabaseSetup.ReadConnectionString(configuration, DatabaseProvider.PostgreSql, "/"));
    }

    [Fact]
    public void A_postgresql_connection_string_that_does_not_say_gets_automatic_preparation()
    {
        var read = Read("Host=db;Database=serviceculture;Username=portal");

        Assert.Equal(DatabaseSetup.DefaultMaxAutoPrepare, read.MaxAutoPrepare);
        Assert.Equal(2, read.AutoPrepareMinUsages);
        Assert.Equal("db", read.Host);
        Assert.Equal("serviceculture", read.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, 5)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10, 5)]
    [InlineData("Host=db;Max Auto Prepare=20;Auto Prepare Min Usages=7", 20, 7)]
    public void A_connection_string_that_sets_preparation_is_kept_as_it_is(string connectionString, int maxAutoPrepare, int minUsages)
    {
        var read = Read(connectionString);

        Assert.Equal(maxAutoPrepare, read.MaxAutoPrepare);
        Assert.Equal(minUsages, read.AutoPrepareMinUsages);
    }

    [Fact]
    public async Task The_portal_on_postgresql_prepares_a_query_it_runs_again_on_its_connection()
    {
        var app = await Engines.HostAsync(DatabaseProvider.PostgreSql);

        var prepared = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            for (var i = 0; i < 3; i++)
            {
                _ = await db.Moments.AsNoTracking().Where(m => m.DeletedAt == null).OrderByDescending(m => m.Id).Select(m => m.Title).Take(5).ToListAsync();
            }

            return await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        });

        Assert.Contains(prepared, statement => statement.Contains("\"Moments\"", StringComparison.Ordinal) && statement.Contains("LIMIT", StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_limit_parameter_is_written_into_the_statement_and_dropped()
    {
        using var command = new NpgsqlCommand("SELECT m.\"Id\" FROM \"Moments\" AS m WHERE m.\"AuthorId\" = @author ORDER BY m.\"Id\" DESC LIMIT @p");
        command.Parameters.AddWithValue("author", 7);
        command.Parameters.AddWithValue("p", 21);

        PostgreSqlRowLimits.Inline(command);

        Assert.EndsWith("LIMIT 21", command.CommandText, StringComparison.Ordinal);
        Assert.Equal(["author"], command.Parameters.Select(p => p.ParameterName));
    }

    [Fact]
    public void A_limit_parameter_used_elsewhere_stays_and_one_that_is_not_a_whole_number_is_left_alone()
    {
        using var command = new NpgsqlCommand("SELECT * FROM (SELECT x FROM t LIMIT @p) AS s WHERE s.x < @p LIMIT @q");
        command.Parameters.AddWithValue("p", 5);
        command.Parameters.AddWithValue("q", "5");

        PostgreSqlRowLimits.Inline(command);

        Assert.Equal("SELECT * FROM (SELECT x FROM t LIMIT 5) AS s WHERE s.x < @p LIMIT @q", command.CommandText);
        Assert.Equal(["p", "q"], command.Parameters.Select(p => p.ParameterName));
    }

    [Fact]
    public async Task The_portal_on_postgresql_prepares_a_query_with_its_row_limit_written_in()
    {
        var app = await Engines.HostAsync(DatabaseProvider.PostgreSql);

        var prepared = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            for (var i = 0; i < 2; i++)
            {
                _ = await db.Moments.AsNoTracking().OrderByDescending(m => m.Id).Select(m => m.Id).Take(21).ToListAsync();
            }

            return await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        });
        Assert.Contains(prepared, statement => statement.EndsWith("LIMIT 21", StringComparison.Ordinal));
    }
}
