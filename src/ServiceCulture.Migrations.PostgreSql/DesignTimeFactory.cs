using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ServiceCulture.Data;

namespace ServiceCulture.Migrations.PostgreSql;

/// <summary>Builds the context for dotnet-ef without a live database; the connection string is never opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseNpgsql("Host=design-time;Database=serviceculture", npgsql => npgsql.MigrationsAssembly(DatabaseSetup.PostgreSqlMigrationsAssembly));
        return new AppDbContext(options.Options);
    }
}
