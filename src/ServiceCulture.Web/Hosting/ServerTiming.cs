using System.Diagnostics;
using System.Globalization;

namespace ServiceCulture.Web.Hosting;

/// <summary>
/// Adds a <c>Server-Timing: app;dur=…</c> header with the milliseconds the portal spent on the
/// request before answering, so browsers' developer tools and the benchmarks can read server time.
/// </summary>
public static class ServerTiming
{
    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            context.Response.OnStarting(() =>
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                context.Response.Headers.Append("Server-Timing", "app;dur=" + elapsed.ToString("0.0", CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            });
            return next(context);
        });
}
