using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;

namespace ServiceCulture.Web.Hosting;

/// <summary>
/// Opens the database connection once for each page request, before sign-in is checked, and keeps it
/// for the request's scope. Without it EF Core opens and closes the connection around every query, and a
/// page sends several: under load the requests then queue on the connection pool's lock each time.
/// </summary>
public static class RequestConnection
{
    public static IApplicationBuilder UseOneConnectionPerPage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            {
                await context.RequestServices.GetRequiredService<AppDbContext>().Database.OpenConnectionAsync(context.RequestAborted);
            }

            await next(context);
        });
}
