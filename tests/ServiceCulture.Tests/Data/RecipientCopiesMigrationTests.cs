using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

/// <summary>
/// A database from before recipients carried copies of their recognition: upgrading it fills them
/// in, so received recognitions read from the recipients' own index stay right after the upgrade.
/// </summary>
public sealed class RecipientCopiesMigrationTests
{
    private const string Migration = "PersonReadIndexes";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Upgrading_copies_each_recognitions_time_elements_and_withdrawal_to_its_recipients(DatabaseProvider engine)
    {
        using var folder = new TestFolder();
        var database = PostgresServer.NewDatabaseName("upgrade");
        string connection;
        if (engine == DatabaseProvider.Sqlite)
        {
            connection = $"Data Source={folder.File("upgrade.db")}";
        }
        else
        {
            await PostgresServer.CreateDatabaseAsync(database);
            connection = PostgresServer.ConnectionStringFor(database);
        }

        try
        {
            var given = new DateTime(2026, 11, 20, 9, 15, 30, DateTimeKind.Utc);
            var withdrawn = given.AddHours(2);
            long kept, taken;
            await using (var db = Context(engine, connection))
            {
                var before = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_" + Migration, StringComparison.Ordinal)).Last();
                await db.GetService<IMigrator>().MigrateAsync(before);
                var people = Enumerable.Range(1, 3).Select(i => new Employee
                {
                    UserName = $"person{i}@upgrade.test", NormalizedUserName = $"PERSON{i}@UPGRADE.TEST", Email = $"person{i}@upgrade.test",
                    NormalizedEmail = $"PERSON{i}@UPGRADE.TEST", DisplayName = $"Person {i}", SecurityStamp = Guid.NewGuid().ToString(), JoinedAt = given.AddYears(-1),
                }).ToList();
                db.Users.AddRange(people);
                await db.SaveChangesAsync();
                // Recognitions as the earlier schema held them (today's model has columns it lacks).
                (kept, taken) = (1, 2);
                await db.Database.ExecuteSqlAsync($"INSERT INTO \"Recognitions\" (\"Id\", \"GiverId\", \"Message\", \"Elements\", \"Points\", \"IsQuiet\", \"RequestId\", \"CreatedAt\") VALUES ({kept}, {people[0].Id}, {"Thanks for the figures."}, {(int)(ServiceElements.Focus | ServiceElements.Measured)}, {5}, {false}, {Guid.NewGuid()}, {given})");
                await db.Database.ExecuteSqlAsync($"INSERT INTO \"Recognitions\" (\"Id\", \"GiverId\", \"Message\", \"Elements\", \"Points\", \"IsQuiet\", \"RequestId\", \"CreatedAt\", \"DeletedAt\") VALUES ({taken}, {people[1].Id}, {"Thanks for the cover."}, {(int)ServiceElements.Reinforced}, {0}, {false}, {Guid.NewGuid()}, {given.AddMinutes(1)}, {withdrawn})");
                // Recipients as the earlier schema held them: only the two keys.
                foreach (var (recognition, recipient) in new[] { (kept, people[1].Id), (kept, people[2].Id), (taken, people[2].Id) })
                {
                    await db.Database.ExecuteSqlAsync($"INSERT INTO \"RecognitionRecipients\" (\"RecognitionId\", \"RecipientId\") VALUES ({recognition}, {recipient})");
                }

                await db.Database.MigrateAsync();
            }

            await using (var db = Context(engine, connection))
            {
                var recipients = await db.RecognitionRecipients.AsNoTracking().OrderBy(r => r.RecognitionId).ThenBy(r => r.RecipientId).ToListAsync();
                Assert.Equal(3, recipients.Count);
                Assert.All(recipients.Where(r => r.RecognitionId == kept), r => Assert.Equal((given, ServiceElements.Focus | ServiceElements.Measured, (DateTime?)null), (r.CreatedAt, r.Elements, r.DeletedAt)));
                var withdrawnCopy = Assert.Single(recipients, r => r.RecognitionId == taken);
                Assert.Equal((given.AddMinutes(1), ServiceElements.Reinforced, (DateTime?)withdrawn), (withdrawnCopy.CreatedAt, withdrawnCopy.Elements, withdrawnCopy.DeletedAt));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            if (engine == DatabaseProvider.PostgreSql)
            {
                await PostgresServer.DropDatabaseAsync(database);
            }
        }
    }

    private static AppDbContext Context(DatabaseProvider engine, string connection)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, engine, connection);
        return new AppDbContext(options.Options);
    }
}
