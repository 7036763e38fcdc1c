using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;

namespace ServiceCulture.Web.Pages.Learn.CaseStudies;

/// <summary>Anonymised recoveries shared for the company to learn from, newest first.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    private const int PageSize = 20;

    public IReadOnlyList<Row> Studies { get; private set; } = [];
    public long? NextBefore { get; private set; }

    public async Task OnGetAsync(long? before, CancellationToken cancellationToken)
    {
        var query = db.CaseStudies.AsNoTracking();
        if (before is { } id)
        {
            query = query.Where(c => c.Id < id);
        }

        var rows = await query.OrderByDescending(c => c.Id).Take(PageSize + 1)
            .Select(c => new Row(c.Id, c.Title, c.WhatWentWrong, c.Elements, c.SharedAt, c.Comments.Count))
            .ToListAsync(cancellationToken);
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            NextBefore = rows[^1].Id;
        }

        Studies = rows;
    }

    public sealed record Row(long Id, string Title, string WhatWentWrong, ServiceElements Elements, DateTime SharedAt, int Comments);
}
