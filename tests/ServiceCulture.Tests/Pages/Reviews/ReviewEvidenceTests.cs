using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.People;
using ServiceCulture.Reviews;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Reviews;

/// <summary>A review's evidence of recognitions: each one received and given in the period, with its people's names.</summary>
public sealed class ReviewEvidenceTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Each_reviews_evidence_lists_every_recognition_received_and_given_in_its_period_with_the_names_on_it(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var admin = new Actor(await AdminPages.IdOfAsync(app, DemoOrganisation.AdminEmail), null, "UTC", IsAdmin: true);
        await app.WithDbAsync(async db =>
        {
            var recognitions = await db.Recognitions.AsNoTracking().Include(r => r.Giver).Include(r => r.Recipients).ThenInclude(x => x.Recipient)
                .Where(r => r.DeletedAt == null).ToListAsync();
            var checkedAny = false;
            foreach (var review in await db.Reviews.AsNoTracking().Include(r => r.Cycle).ToListAsync())
            {
                var (cycle, person) = (review.Cycle!, review.EmployeeId);
                var from = cycle.PeriodStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                var to = cycle.PeriodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                var inPeriod = recognitions.Where(r => r.CreatedAt >= from && r.CreatedAt < to).ToList();
                var received = inPeriod.Where(r => r.Recipients.Any(x => x.RecipientId == person))
                    .Select(r => (r.Id, "Recognised by " + r.Giver!.DisplayName)).ToList();
                var given = inPeriod.Where(r => r.GiverId == person)
                    .Select(r => (r.Id, "Recognised " + string.Join(", ", r.Recipients.OrderBy(x => x.RecipientId).Select(x => x.Recipient!.DisplayName)))).ToList();

                var evidence = await new ReviewEvidence(db).ForAsync(cycle, person, admin, CancellationToken.None);
                Assert.Equal(received.Order(), evidence.Items.Where(i => i.Kind == EvidenceKind.RecognitionReceived).Select(i => (i.Id, i.Title)).Order());
                Assert.Equal(given.Order(), evidence.Items.Where(i => i.Kind == EvidenceKind.RecognitionGiven).Select(i => (i.Id, i.Title)).Order());
                checkedAny |= received.Count > 0 && given.Count > 0;
            }

            Assert.True(checkedAny, "The demo should hold a review whose person both received and gave recognitions in its period.");
        });
    }
}
