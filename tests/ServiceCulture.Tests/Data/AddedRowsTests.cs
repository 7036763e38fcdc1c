using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Email;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

/// <summary>The multi-row writer the jobs use: rows read back as <c>SaveChanges</c> would have written them, and a duplicate keeps none.</summary>
public sealed class AddedRowsTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Rows_written_together_read_back_as_added_with_every_kind_of_value(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var recipient = await app.WithDbAsync(db => db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        var lease = Guid.NewGuid();
        var due = new DateTime(2026, 12, 7, 9, 30, 15, 250, DateTimeKind.Utc);
        // More rows than one statement takes, so the writer splits them.
        var rows = Enumerable.Range(0, 130).Select(i => new OutboxMessage
        {
            Key = $"added-rows:{i}",
            Kind = EmailKind.Nudge,
            Topic = EmailTopic.ManagerReports,
            RecipientId = recipient,
            Subject = $"Subject “{i}” with 'quotes'",
            Content = "{}",
            Status = OutboxStatus.Sending,
            Attempts = i,
            CreatedAt = due.AddMinutes(-i),
            DueAt = due,
            LeaseId = i % 2 == 0 ? lease : null,
            LeaseUntil = i % 2 == 0 ? due.AddMinutes(5) : null,
        }).ToList();

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.OutboxMessages.AddRange(rows);
            await db.InsertAddedAsync(CancellationToken.None);
            Assert.Empty(db.ChangeTracker.Entries());
        }

        var read = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Key.StartsWith("added-rows:")).ToListAsync());
        Assert.Equal(130, read.Count);
        Assert.Equal(130, read.Select(m => m.Id).Distinct().Count());
        foreach (var row in read)
        {
            var i = int.Parse(row.Key["added-rows:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((EmailKind.Nudge, EmailTopic.ManagerReports, recipient, $"Subject “{i}” with 'quotes'", OutboxStatus.Sending, i),
                (row.Kind, row.Topic, row.RecipientId, row.Subject, row.Status, row.Attempts));
            Assert.Equal((due.AddMinutes(-i), DateTimeKind.Utc), (row.CreatedAt, row.CreatedAt.Kind));
            Assert.Equal(i % 2 == 0 ? lease : null, row.LeaseId);
            Assert.Equal(i % 2 == 0 ? due.AddMinutes(5) : null, row.LeaseUntil);
            Assert.Null(row.SentAt);
        }
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_duplicate_key_fails_the_write_and_the_transaction_keeps_none_of_it(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var recipient = await app.WithDbAsync(db => db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        OutboxMessage Row(string key) => new()
        {
            Key = key, Kind = EmailKind.Nudge, Topic = EmailTopic.Nudges, RecipientId = recipient, Subject = key, Content = "{}",
            Status = OutboxStatus.Pending, CreatedAt = app.Factory.Clock.UtcNow, DueAt = app.Factory.Clock.UtcNow,
        };
        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.Add(Row("taken"));
            return db.SaveChangesAsync();
        });

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.OutboxMessages.AddRange(Row("new:1"), Row("new:2"), Row("taken"), Row("new:3"));
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.InsertAddedAsync(CancellationToken.None));
        }

        Assert.Equal(["taken"], await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Key == "taken" || m.Key.StartsWith("new:")).Select(m => m.Key).ToListAsync()));
    }
}
