using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

/// <summary>The production pipeline path: the idempotent script migrates, and the portal starts without migrating itself.</summary>
[Collection(EnginesCollection.Name)]
public sealed class MigrationScriptTests
{
    [Fact]
    public async Task The_idempotent_postgresql_script_applies_twice_and_the_portal_runs_on_it()
    {
        var database = PostgresServer.NewDatabaseName("script");
        await PostgresServer.CreateDatabaseAsync(database);
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, DatabaseProvider.PostgreSql, PostgresServer.ConnectionStringFor(database));
            string script;
            await using (var db = new AppDbContext(options.Options))
            {
                script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
            }

            for (var run = 0; run < 2; run++)
            {
                await using var connection = new NpgsqlConnection(PostgresServer.ConnectionStringFor(database));
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(script, connection);
                await command.ExecuteNonQueryAsync();
            }

            using var folder = new TestFolder();
            var settings = PortalFactory.SqliteSettings(folder.File("unused.db"));
            settings["Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Default"] = PostgresServer.ConnectionStringFor(database);
            settings["Database:MigrateOnStartup"] = "false";
            await using var factory = new PortalFactory(settings);
            using var client = factory.CreatePortalClient();
            await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
            await using var check = new AppDbContext(options.Options);
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.DropDatabaseAsync(database);
        }
    }
}
