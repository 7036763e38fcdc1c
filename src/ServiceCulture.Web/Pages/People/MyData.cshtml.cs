using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.People;

/// <summary>The signed-in person's own data as one JSON file: profile, moments, recognitions, points, notifications, preferences.</summary>
public sealed class MyDataModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new { u.Id, Name = u.DisplayName, u.Email, u.JobTitle, Team = u.Team!.Name, Manager = u.Manager!.DisplayName, u.TimeZoneId, u.JoinedAt, u.LastSignInAt, Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList() })
            .SingleAsync(cancellationToken);
        var preferences = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new { u.LeaderboardOptOut, u.TwoFactorEnabled }).SingleAsync(cancellationToken);
        var moments = await db.Moments.AsNoTracking().Where(m => m.AuthorId == me && m.DeletedAt == null).OrderBy(m => m.Id)
            .Select(m => new { m.Id, Kind = m.Kind.ToString(), m.Title, m.Story, m.OccurredOn, m.ExternalCustomer, Elements = m.Elements.ToString(), m.Lesson, Visibility = m.Visibility.ToString(), m.CreatedAt, m.RecoversMomentId, m.RecoveredAt })
            .ToListAsync(cancellationToken);
        var given = await db.Recognitions.AsNoTracking().Where(r => r.GiverId == me && r.DeletedAt == null).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Message, Elements = r.Elements.ToString(), r.Points, r.IsQuiet, r.CreatedAt, To = r.Recipients.Select(x => x.Recipient!.DisplayName).ToList() })
            .ToListAsync(cancellationToken);
        var received = await db.Recognitions.AsNoTracking().Where(r => r.DeletedAt == null && r.Recipients.Any(x => x.RecipientId == me)).OrderBy(r => r.Id)
            .Select(r => new { r.Id, From = r.Giver!.DisplayName, r.Message, Elements = r.Elements.ToString(), r.Points, r.IsQuiet, r.CreatedAt })
            .ToListAsync(cancellationToken);
        var points = await db.PointsLedger.AsNoTracking().Where(p => p.EmployeeId == me).OrderBy(p => p.Id)
            .Select(p => new { p.At, p.Amount, Reason = p.Reason.ToString(), p.Source })
            .ToListAsync(cancellationToken);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.EmployeeId == me).OrderBy(n => n.Id)
            .Select(n => new { Kind = n.Kind.ToString(), n.Text, n.CreatedAt, n.ReadAt })
            .ToListAsync(cancellationToken);

        var export = new Dictionary<string, object?>
        {
            ["exportedAt"] = clock.GetUtcNow().UtcDateTime,
            ["profile"] = profile,
            ["preferences"] = preferences,
            ["moments"] = moments,
            ["recognitionsGiven"] = given,
            ["recognitionsReceived"] = received,
            ["points"] = new { total = points.Sum(p => p.Amount), entries = points },
            ["notifications"] = notifications,
        };

        // Reviews the person may see go here once reviews exist: export["reviews"] = ...
        var bytes = JsonSerializer.SerializeToUtf8Bytes(export, Json);
        return File(bytes, "application/json", $"serviceculture-my-data-{clock.GetUtcNow():yyyy-MM-dd}.json");
    }
}
