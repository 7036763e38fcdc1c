using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Notifications;

namespace ServiceCulture.Gamification;

/// <summary>Tells people when their points reach a new level; each level is told once.</summary>
public sealed class LevelRules(AppDbContext db, NotificationCenter notifications)
{
    public async Task<LevelInfo?> CheckAsync(int employeeId, CancellationToken cancellationToken)
    {
        var points = await db.PointsTotals.Where(t => t.EmployeeId == employeeId).Select(t => (int?)t.Points).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var level = GamificationCatalog.LevelFor(points);
        if (level.Number <= 1)
        {
            return null;
        }

        var told = await notifications.NotifyOnceAsync(employeeId, NotificationKind.LevelReached,
            $"You reached level {level.Number}, {level.Name}, with {points} points.", null, $"level:{level.Number}", cancellationToken);
        return told ? level : null;
    }
}
