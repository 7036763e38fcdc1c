using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceCulture.Data;
using ServiceCulture.Email;
using ServiceCulture.Nudges;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Email;

/// <summary>Two portal hosts on one PostgreSQL database run the mail jobs at the same moment.</summary>
[Collection(EnginesCollection.Name)]
public sealed class TwoNodeMailTests
{
    [Fact]
    public async Task Two_nodes_running_nudges_digest_and_dispatch_at_once_deliver_every_email_exactly_once()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var folder = new TestFolder();
        var database = PostgresServer.NewDatabaseName("mail2");
        await PostgresServer.CreateDatabaseAsync(database);
        try
        {
            var settings = PortalFactory.SqliteSettings(folder.File("unused.db"));
            settings["Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Default"] = PostgresServer.ConnectionStringFor(database);
            smtp.Configure(settings);
            await using var first = new PortalFactory(settings);
            _ = first.Services; // migrates and seeds once
            await using var second = new PortalFactory(settings);
            _ = second.Services;

            // A Monday at 09:30 UTC: the digest and the nudges are both due for the people in UTC and Europe.
            var monday = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
            first.Clock.SetUtcNow(monday);
            second.Clock.SetUtcNow(monday);
            await using (var scope = first.Services.CreateAsyncScope())
            {
                // The demo's own queued mail goes out too; a lot of it makes the race real.
                var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
                var someone = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Select(u => u.Id).FirstAsync();
                for (var i = 0; i < 300; i++)
                {
                    outbox.Enqueue(someone, EmailKind.Nudge, $"race-{i}", new EmailContent { Subject = $"Race {i}" });
                }

                await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
            }

            async Task RunAll(PortalFactory node)
            {
                await using var scope = node.Services.CreateAsyncScope();
                var now = node.Clock.GetUtcNow().UtcDateTime;
                await scope.ServiceProvider.GetRequiredService<NudgeJob>().EvaluateAsync(now, CancellationToken.None);
                await scope.ServiceProvider.GetRequiredService<WeeklyDigestJob>().SendAsync(now, CancellationToken.None);
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(now.AddMinutes(10), CancellationToken.None);
            }

            await Task.WhenAll(RunAll(first), RunAll(second));
            await Task.WhenAll(RunAll(first), RunAll(second)); // and once more: a rerun adds nothing

            await using var check = first.Services.CreateAsyncScope();
            var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.OutboxMessages.AsNoTracking().ToListAsync();
            Assert.All(rows, r => Assert.True(r.Status is OutboxStatus.Sent or OutboxStatus.Skipped, $"Row {r.Id} is {r.Status}: {r.LastError}"));
            var emails = rows.Count(r => r.Status == OutboxStatus.Sent && r.MergedIntoId == null);
            Assert.True(await db.Nudges.AnyAsync(), "The nudge run found people to nudge.");
            Assert.True(rows.Any(r => r.Kind == EmailKind.WeeklyDigest), "The digest run queued digests.");
            var received = smtp.Messages.Select(m => m.Message.MessageId).ToList();
            Assert.Equal(emails, received.Count);
            Assert.Equal(received.Count, received.Distinct().Count());
            Assert.Equal(300, smtp.Messages.Count(m => (m.Message.Subject ?? "").StartsWith("Race ", StringComparison.Ordinal)));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.DropDatabaseAsync(database);
        }
    }
}
