using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Hosting;

/// <summary>The request pipeline and the endpoints the portal maps.</summary>
public static class ServiceCulturePipeline
{
    public const string JobDashboardPath = "/admin/jobs";

    public static WebApplication UseServiceCulture(this WebApplication app)
    {
        app.UseServerTiming();
        if (app.Configuration.GetValue("Hosting:ForwardedHeaders", false))
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        if (app.Configuration.GetValue("Hosting:HttpsRedirection", false))
        {
            app.UseHttpsRedirection();
        }

        var transport = app.Services.GetRequiredService<TransportSecurity>();
        if (!transport.RequiresTls && !app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning(
                "{Setting} is on: cookies are sent over plain http. Use it for a local trial only; put TLS in front of the portal anywhere else.",
                TransportSecurity.AllowPlainHttpSetting);
        }

        app.UseSecurityHeaders();
        app.UsePlainHttpRefusal(transport);
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseRouting();
        app.UsePageConcurrencyLimit(app.Configuration);
        app.UseOneConnectionPerPage();
        app.UseCookiePolicy();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();

        app.MapHangfireDashboard(
                JobDashboardPath,
                new DashboardOptions { Authorization = [], AppPath = "/", DashboardTitle = "ServiceCulture jobs", DisplayStorageConnectionString = false },
                app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(Policies.Admin);

        app.MapBenchmarkFloor();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
