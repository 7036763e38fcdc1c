using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

/// <summary>The portal's SQLite connections each keep a small page cache, however they are opened.</summary>
public sealed class SqlitePageCacheTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Every_connection_the_portal_opens_keeps_a_small_page_cache()
    {
        var sizes = await App.WithDbAsync(async db =>
        {
            var opened = new List<long>();
            for (var i = 0; i < 3; i++)
            {
                await db.Database.OpenConnectionAsync();
                opened.Add(await db.Database.SqlQueryRaw<long>("SELECT cache_size AS \"Value\" FROM pragma_cache_size").SingleAsync());
                await db.Database.CloseConnectionAsync();
            }

            db.Database.OpenConnection();
            opened.Add(db.Database.SqlQueryRaw<long>("SELECT cache_size AS \"Value\" FROM pragma_cache_size").Single());
            db.Database.CloseConnection();
            return opened;
        });

        Assert.All(sizes, size => Assert.Equal(-SqlitePageCache.Kilobytes, size));
    }
}
