using System.Data.Common;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.People;
using ServiceCulture.Web.Jobs;

namespace ServiceCulture.Web.Hosting;

/// <summary>What happens to the database before the portal serves its first request.</summary>
public static class DatabaseStartup
{
    public const string SeedDemoArgument = "--seed-demo";

    public static async Task PrepareDatabaseAsync(this WebApplication app, string[] args)
    {
        var configuration = app.Configuration;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ServiceCulture.Startup");
        var target = app.Services.GetRequiredService<DatabaseTarget>();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stopping = app.Lifetime.ApplicationStopping;

        try
        {
            if (configuration.GetValue("Database:MigrateOnStartup", true))
            {
                await db.Database.MigrateAsync(stopping);
            }

            if (target.Provider == DatabaseProvider.Sqlite)
            {
                // Readers keep reading while a writer writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", stopping);
            }

            await RoleSetup.EnsureRolesAsync(db, stopping);
        }
        catch (DbException error)
        {
            throw new StartupConfigurationException($"The {target.Provider} database cannot be reached or prepared: {error.Message}");
        }

        var seedDemo = args.Contains(SeedDemoArgument, StringComparer.OrdinalIgnoreCase)
            || configuration.GetValue<bool?>("Demo:Seed") == true
            || (app.Environment.IsDevelopment() && configuration.GetValue<bool?>("Demo:Seed") != false);
        if (seedDemo)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoOrganisation>().SeedAsync(stopping);
            if (seeded)
            {
                logger.LogInformation(
                    "Demo organisation seeded in {Seconds:0.0} s: sign in as {Email} with password {Password}",
                    System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, DemoOrganisation.EmployeeEmail, DemoOrganisation.Password);
            }
        }

        await BootstrapFirstAdminAsync(scope.ServiceProvider, configuration, logger);

        app.Services.GetRequiredService<RecurringJobsSchedule>().Register();
    }

    /// <summary>
    /// With <c>Bootstrap:AdminEmail</c> set and no admin yet, creates that admin without a password and
    /// logs a one-time link to choose one (the link stops working once the password is set).
    /// </summary>
    private static async Task BootstrapFirstAdminAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var email = configuration["Bootstrap:AdminEmail"]?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<Employee>>();
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (admins.Count > 0)
        {
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new Employee
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = configuration["Bootstrap:AdminName"] is { Length: > 0 } name ? name : email.Split('@')[0],
                JobTitle = "Administrator",
                JoinedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(admin);
            if (!created.Succeeded)
            {
                throw new StartupConfigurationException($"Bootstrap:AdminEmail '{email}' cannot be used: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
        }

        foreach (var role in new[] { Roles.Employee, Roles.Admin })
        {
            if (!await users.IsInRoleAsync(admin, role))
            {
                await users.AddToRoleAsync(admin, role);
            }
        }

        var token = await users.GeneratePasswordResetTokenAsync(admin);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var baseUrl = (configuration["App:BaseUrl"] ?? "").TrimEnd('/');
        logger.LogWarning(
            "First admin {Email} created. Choose a password within a day at {Url} (the link works once).",
            email,
            $"{baseUrl}/Identity/Account/ResetPassword?code={code}");
    }
}
