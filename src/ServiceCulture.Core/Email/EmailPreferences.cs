using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;

namespace ServiceCulture.Email;

/// <summary>Which optional emails a person wants; everything is on until they turn it off.</summary>
public sealed class EmailPreferences(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlySet<EmailTopic>> OffAsync(int employeeId, CancellationToken cancellationToken) =>
        (await db.EmailOptOuts.AsNoTracking().Where(o => o.EmployeeId == employeeId).Select(o => o.Topic).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>Sets every optional topic at once: those in <paramref name="wanted"/> on, the others off.</summary>
    public async Task SaveAsync(int employeeId, IReadOnlySet<EmailTopic> wanted, CancellationToken cancellationToken)
    {
        var existing = await db.EmailOptOuts.Where(o => o.EmployeeId == employeeId).ToListAsync(cancellationToken);
        db.EmailOptOuts.RemoveRange(existing.Where(o => wanted.Contains(o.Topic)));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (topic, _, _) in EmailTopics.Optional)
        {
            if (!wanted.Contains(topic) && existing.All(o => o.Topic != topic))
            {
                db.EmailOptOuts.Add(new EmailOptOut { EmployeeId = employeeId, Topic = topic, At = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Turns one topic off; saying it twice (a mail client and a person both clicking) is harmless.</summary>
    public async Task TurnOffAsync(int employeeId, EmailTopic topic, CancellationToken cancellationToken)
    {
        if (topic == EmailTopic.Account || await db.EmailOptOuts.AnyAsync(o => o.EmployeeId == employeeId && o.Topic == topic, cancellationToken)
            || !await db.Users.AnyAsync(u => u.Id == employeeId, cancellationToken))
        {
            return;
        }

        var optOut = new EmailOptOut { EmployeeId = employeeId, Topic = topic, At = clock.GetUtcNow().UtcDateTime };
        db.EmailOptOuts.Add(optOut);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(optOut).State = EntityState.Detached;
        }
    }
}
