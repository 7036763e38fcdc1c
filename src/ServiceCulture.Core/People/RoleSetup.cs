using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;

namespace ServiceCulture.People;

/// <summary>Makes sure the three roles exist; safe to run at every start.</summary>
public static class RoleSetup
{
    public static async Task EnsureRolesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Except(existing, StringComparer.Ordinal))
        {
            db.Roles.Add(new IdentityRole<int>(role!)
            {
                NormalizedName = role!.ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task<Dictionary<string, int>> RoleIdsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, StringComparer.Ordinal, cancellationToken);
}
