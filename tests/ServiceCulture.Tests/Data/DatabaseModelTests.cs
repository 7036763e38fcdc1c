using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServiceCulture.Data;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

/// <summary>The migrations of every engine match the model the running app builds (Identity options included).</summary>
public sealed class DatabaseModelTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void No_engine_has_pending_model_changes(DatabaseProvider provider)
    {
        using var db = ContextFor(provider);
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider} migrations are behind the model: run scripts/add-migration.sh");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Every_engine_has_the_same_migration_names(DatabaseProvider provider)
    {
        using var db = ContextFor(provider);
        using var reference = ContextFor(DatabaseProvider.Sqlite);
        static IEnumerable<string> Names(AppDbContext context) => context.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(Names(reference), Names(db));
    }

    [Fact]
    public void The_sql_server_idempotent_script_generates_offline()
    {
        using var db = ContextFor(DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [Teams]", script, StringComparison.Ordinal);
        Assert.Contains("[LoginProvider] nvarchar(128)", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_postgresql_idempotent_script_generates_offline()
    {
        using var db = ContextFor(DatabaseProvider.PostgreSql);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE \"AspNetUsers\"", script, StringComparison.Ordinal);
        Assert.Contains("DO $EF$", script, StringComparison.Ordinal);
    }

    private AppDbContext ContextFor(DatabaseProvider provider)
    {
        var connection = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.SqlServer => "Server=offline;Database=ServiceCulture;Trusted_Connection=True;TrustServerCertificate=True",
            _ => "Host=offline;Database=serviceculture",
        };
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, provider, connection);
        options.UseApplicationServiceProvider(App.Factory.Services);
        return new AppDbContext(options.Options);
    }
}
