using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

/// <summary>The portal's SQLite connections each keep a small page cache and wait for another's write, however they are opened.</summary>
public sealed class SqliteConnectionSettingsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Every_connection_the_portal_opens_keeps_a_small_page_cache_and_waits_in_sqlite_for_a_write()
    {
        var settings = await App.WithDbAsync(async db =>
        {
            var opened = new List<(long CacheSize, long BusyTimeout)>();
            for (var i = 0; i < 3; i++)
            {
                await db.Database.OpenConnectionAsync();
                opened.Add((await db.Database.SqlQueryRaw<long>("SELECT cache_size AS \"Value\" FROM pragma_cache_size").SingleAsync(),
                    await db.Database.SqlQueryRaw<long>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync()));
                await db.Database.CloseConnectionAsync();
            }

            db.Database.OpenConnection();
            opened.Add((db.Database.SqlQueryRaw<long>("SELECT cache_size AS \"Value\" FROM pragma_cache_size").Single(),
                db.Database.SqlQueryRaw<long>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").Single()));
            db.Database.CloseConnection();
            return opened;
        });

        Assert.All(settings, s => Assert.Equal((-SqliteConnectionSettings.PageCacheKilobytes, SqliteConnectionSettings.BusyTimeoutMilliseconds), s));
    }
}
