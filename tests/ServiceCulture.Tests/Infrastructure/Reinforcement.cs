using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Moments;
using ServiceCulture.Nudges;
using ServiceCulture.People;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>Builds the situations nudges and digests react to, straight in the database, at chosen instants.</summary>
public static class Reinforcement
{
    public static async Task<int> AddPersonAsync(IPortalHost host, string name, string timeZone, DateTime joinedAt, int? managerId = null, int? teamId = null) =>
        await host.WithDbAsync(async db =>
        {
            var email = $"p{Guid.NewGuid():N}"[..14] + "@people.test";
            var person = new Employee
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = name, TimeZoneId = timeZone, JoinedAt = joinedAt, ManagerId = managerId, TeamId = teamId,
                SecurityStamp = Guid.NewGuid().ToString(), IsActive = true,
            };
            db.Users.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

    public static async Task<long> AddMomentAsync(IPortalHost host, int authorId, DateTime createdAt, MomentKind kind = MomentKind.Magic,
        ServiceElements elements = ServiceElements.Focus, Visibility visibility = Visibility.Everyone, int? teamId = null, string title = "Helped a colleague") =>
        await host.WithDbAsync(async db =>
        {
            var moment = new Moment
            {
                Kind = kind, Title = title, Story = "What happened, in a few words.", OccurredOn = DateOnly.FromDateTime(createdAt),
                CustomerKind = CustomerKind.External, ExternalCustomer = "A customer", Elements = elements, Visibility = visibility,
                AuthorId = authorId, AuthorTeamId = teamId, CreatedAt = createdAt,
            };
            db.Moments.Add(moment);
            await db.SaveChangesAsync();
            return moment.Id;
        });

    public static async Task AddRecognitionAsync(IPortalHost host, int giverId, int recipientId, DateTime createdAt) =>
        await host.WithDbAsync(async db =>
        {
            db.Recognitions.Add(new ServiceCulture.Recognitions.Recognition
            {
                GiverId = giverId, Message = "Thank you for the help with the customer's refund.", Elements = ServiceElements.Focus,
                Points = 5, RequestId = Guid.NewGuid(), CreatedAt = createdAt,
                Recipients = [new ServiceCulture.Recognitions.RecognitionRecipient { RecipientId = recipientId }],
            });
            await db.SaveChangesAsync();
        });

    /// <summary>The next instant after the fake clock's now that is <paramref name="day"/> at the local time given in <paramref name="timeZone"/>.</summary>
    public static DateTime NextLocal(MailFixture mail, DayOfWeek day, int hour, int minute, string timeZone)
    {
        var zone = ServiceTimeZones.Find(timeZone);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(mail.Now, zone)).AddDays(1);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, minute)), zone);
    }

    public static void MoveTo(MailFixture mail, DateTime utc)
    {
        Assert.True(utc >= mail.Now, $"The fake clock cannot go back from {mail.Now:O} to {utc:O}.");
        mail.Factory.Clock.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));
    }

    public static async Task<NudgeRunResult> NudgeAsync(MailFixture mail, DateTime at)
    {
        MoveTo(mail, at);
        await using var scope = mail.Scope();
        return await scope.ServiceProvider.GetRequiredService<NudgeJob>().EvaluateAsync(mail.Now, CancellationToken.None);
    }

    public static Task<List<Nudge>> NudgesOfAsync(IPortalHost host, int employeeId) =>
        host.WithDbAsync(db => db.Nudges.AsNoTracking().Where(n => n.EmployeeId == employeeId).OrderBy(n => n.Id).ToListAsync());
}
