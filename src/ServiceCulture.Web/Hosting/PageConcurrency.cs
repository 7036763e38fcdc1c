using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceCulture.Web.Hosting;

/// <summary>
/// Runs at most <see cref="Setting"/> page requests at once (eight per processor unless set); the
/// rest wait their turn, oldest first, before they open a database connection. A page's work is
/// CPU and the database's: on two cores, 64 pages at once served no more than 16, but each held
/// its objects across many garbage collections, and the portal grew past 400 MB where 16 at a
/// time stay under 300 (bench/README.md, tenth round). Health checks and static files do not wait.
/// When <see cref="QueuePerPermit"/> requests per permit already wait, the next is answered 503.
/// </summary>
public sealed class PageConcurrency(RequestDelegate next, int limit)
{
    public const string Setting = "Hosting:MaxConcurrentPages";
    public const int QueuePerPermit = 64;

    private readonly ConcurrencyLimiter limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = limit,
        QueueLimit = limit * QueuePerPermit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public static int LimitFrom(IConfiguration configuration) =>
        Math.Max(1, configuration.GetValue(Setting, 8 * Environment.ProcessorCount));

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null)
        {
            await next(context);
            return;
        }

        using var lease = await limiter.AcquireAsync(1, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            return;
        }

        await next(context);
    }
}

public static class PageConcurrencyExtensions
{
    public static IApplicationBuilder UsePageConcurrencyLimit(this IApplicationBuilder app, IConfiguration configuration) =>
        app.UseMiddleware<PageConcurrency>(PageConcurrency.LimitFrom(configuration));
}
