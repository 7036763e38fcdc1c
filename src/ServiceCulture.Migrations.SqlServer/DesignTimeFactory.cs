using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ServiceCulture.Data;

namespace ServiceCulture.Migrations.SqlServer;

/// <summary>Builds the context for dotnet-ef without a live database; the connection string is never opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSqlServer("Server=design-time;Database=ServiceCulture;Trusted_Connection=True;TrustServerCertificate=True", sql => sql.MigrationsAssembly(DatabaseSetup.SqlServerMigrationsAssembly));
        return new AppDbContext(options.Options);
    }
}
