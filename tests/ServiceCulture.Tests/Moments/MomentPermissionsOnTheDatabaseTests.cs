using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Tests.Infrastructure;
using static ServiceCulture.Tests.Moments.MomentPermissionMatrix;

namespace ServiceCulture.Tests.Moments;

/// <summary>
/// The matrix on each engine, with real people and rows: what <see cref="MomentRules.PermissionsAsync"/>
/// answers, and that the visibility and "may recover" queries select exactly the moments it allows.
/// </summary>
public sealed class MomentPermissionsOnTheDatabaseTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Permissions_and_the_queries_agree_with_the_matrix_for_every_person(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cells = await MomentPermissionSeed.SeedAsync(app);
        var ids = cells.Select(c => c.Id).ToList();
        var problems = new List<string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var viewer = await MomentPermissionSeed.ActorAsync(app, role);
            await using var scope = app.Scope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rules = scope.ServiceProvider.GetRequiredService<MomentRules>();
            var visible = (await db.Moments.Where(MomentVisibility.VisibleTo(viewer)).Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync()).ToHashSet();
            var recoverable = (await db.Moments.Where(await MomentPermissions.RecoverableByAsync(db, viewer, CancellationToken.None)).Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync()).ToHashSet();
            foreach (var cell in cells)
            {
                var may = await rules.PermissionsAsync(viewer, cell.Id, CancellationToken.None);
                var expected = Expected(role, cell.Visibility, cell.State);
                if (Letters(may) != expected)
                {
                    problems.Add($"{role} on {cell.State}/{cell.Visibility}: expected '{expected}', got '{Letters(may)}'");
                }

                if (may.See != visible.Contains(cell.Id))
                {
                    problems.Add($"{role} on {cell.State}/{cell.Visibility}: the visibility query says {visible.Contains(cell.Id)}");
                }

                if (may.Recover != recoverable.Contains(cell.Id))
                {
                    problems.Add($"{role} on {cell.State}/{cell.Visibility}: the recoverable query says {recoverable.Contains(cell.Id)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
