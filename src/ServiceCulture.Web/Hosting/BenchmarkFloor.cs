using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;

namespace ServiceCulture.Web.Hosting;

/// <summary>
/// The least work that shows the feed's content: the 20 newest moments everyone may see, from the
/// same database, as bare HTML (one compiled no-tracking query, no layout, no authentication). It is
/// mapped only in the <c>Benchmark</c> environment, where the load harness reports every page's
/// throughput as a share of this one's, so results hold on a busy machine.
/// </summary>
public static class BenchmarkFloor
{
    public const string Environment = "Benchmark";
    public const string Path = "/bench/floor";

    private static readonly Func<AppDbContext, IAsyncEnumerable<Row>> NewestForEveryone = EF.CompileAsyncQuery(
        (AppDbContext db) => db.Moments.AsNoTracking()
            .Where(m => m.Visibility == Visibility.Everyone && m.DeletedAt == null && m.HiddenAt == null)
            .OrderByDescending(m => m.CreatedAt)
            .Take(20)
            .Select(m => new Row(m.Id, m.Kind, m.Title, m.Story, m.Author!.DisplayName, m.CreatedAt)));

    public static WebApplication MapBenchmarkFloor(this WebApplication app)
    {
        if (app.Environment.IsEnvironment(Environment))
        {
            app.MapGet(Path, RenderAsync).AllowAnonymous();
        }

        return app;
    }

    private static async Task RenderAsync(HttpContext context, AppDbContext db)
    {
        var html = new StringBuilder(16 * 1024);
        var encoder = HtmlEncoder.Default;
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Floor</title></head><body><ol>");
        await foreach (var row in NewestForEveryone(db).WithCancellation(context.RequestAborted))
        {
            html.Append("<li><h2><a href=\"/Moments/").Append(row.Id.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(encoder.Encode(row.Title)).Append("</a></h2><p>")
                .Append(row.Kind.ToString()).Append(" · ").Append(encoder.Encode(row.Author)).Append(" · ")
                .Append(row.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</p><p>")
                .Append(encoder.Encode(row.Story)).Append("</p></li>");
        }

        html.Append("</ol></body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    private sealed record Row(long Id, MomentKind Kind, string Title, string Story, string Author, DateTime CreatedAt);
}
