using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.Reporting;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Reporting;

/// <summary>
/// Every report figure for the small organisation of March 2025, compared with the value worked out
/// by hand from <see cref="SmallOrganisation"/>, on each engine.
/// </summary>
public sealed class ReportFiguresTests(EnginesFixture engines) : EngineTest(engines)
{
    private static readonly DateTime Now = new(2026, 11, 18, 9, 30, 0, DateTimeKind.Utc);
    private static readonly ReportRange March = ReportRange.ForMonth(SmallOrganisation.March);

    private static async Task<ReportFigures> LiveAsync(IPortalHost app, int? teamId, ReportRange range)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<ReportBuilder>().LiveAsync(teamId, range, Now, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_team_report_rolls_its_sub_team_up_and_matches_the_hand_computed_figures(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var org = await SmallOrganisation.CreateAsync(app);

        var alpha = await LiveAsync(app, org.Alpha, March);

        // a1, a2, a4, n1, n2 are active; a3 is not.
        Assert.Equal(5, alpha.People);
        // a1 magic + truth, n1 two miseries and two recoveries, a2 one misery; a1's deleted truth and a2's April magic do not count.
        Assert.Equal(new KindCounts(Truth: 1, Magic: 1, Misery: 3, Recovery: 2), alpha.Moments);
        Assert.Equal(7, alpha.Moments.Total);
        // Focus: magic, truth, a2's misery; given life and problem solving: a misery and its recovery each; measured: the truth.
        Assert.Equal([3, 0, 2, 2, 1, 0], alpha.MomentsByElement);
        // b1 recognised a1 and n1 (two), b2 recognised a1; b3's deleted one and b1's April one do not count.
        Assert.Equal(3, alpha.Recognitions);
        Assert.Equal([2, 0, 0, 0, 0, 1], alpha.RecognitionsByElement);
        // Three miseries logged in March, two recovered within it (after 24 h and 72 h); a2's was recovered on 2 April.
        Assert.Equal(3, alpha.MiseriesLogged);
        Assert.Equal(2, alpha.MiseriesRecovered);
        Assert.Equal(2.0 / 3, alpha.RecoveryRate!.Value, 6);
        Assert.Equal(48.0, alpha.MedianHoursToRecovery);
        Assert.Equal(1, alpha.OpenMiseries);
        Assert.Equal(SmallOrganisation.At(3, 20), alpha.OldestOpenMiseryAt);
        Assert.Equal(11, alpha.OldestOpenMiseryDays(March.EndUtc));
        // a1, a2, n1 logged; a2 and n2 gave; a4 did nothing: 4 of 5.
        Assert.Equal(4, alpha.Participants);
        Assert.Equal(0.8, alpha.Participation!.Value, 6);
        // a1 and n1 were recognised: 2 of 5.
        Assert.Equal(2, alpha.Recognised);
        Assert.Equal(0.4, alpha.Coverage!.Value, 6);
        // Two recipients, the top 10 % rounds up to one: a1 with 2 of the 3.
        Assert.Equal(2.0 / 3, alpha.Concentration!.Value, 6);
        // b1 (focus 4, defined 2), b2 (focus 5) rated Alpha, b3 (given life 3) rated Alpha North: three raters.
        Assert.Equal(3, alpha.SatisfactionReceived.Raters);
        Assert.Equal(3.5, alpha.SatisfactionReceived.Average);
        Assert.Equal([4.5, 2.0, 3.0, null, null, null], alpha.SatisfactionReceived.ByElement);
        // a1 and a2 rated Beta: two raters are below the threshold, so nothing is shown.
        Assert.Equal(2, alpha.SatisfactionGiven.Raters);
        Assert.Null(alpha.SatisfactionGiven.Average);
        Assert.All(alpha.SatisfactionGiven.ByElement, Assert.Null);
        // Alpha (80, 20, 90, 3, 2) and Alpha North (70, 40, –, 1, 4).
        Assert.Equal(new Outcomes(2, 75, 30, 90, 4, 6), alpha.Outcomes);
        // Activity per element 5, 0, 2, 2, 1, 1: Defined is the weakest.
        Assert.Equal(ServiceElements.Defined, alpha.WeakestElement().Element);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_organisation_report_counts_everyone_and_applies_the_rater_threshold_per_scope(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var org = await SmallOrganisation.CreateAsync(app);

        var all = await LiveAsync(app, null, March);
        var beta = await LiveAsync(app, org.Beta, March);
        var north = await LiveAsync(app, org.North, March);

        // The demo organisation's people are in the organisation too; its activity is in the last weeks, not in 2025.
        var people = DemoOrganisation.PeopleCount + SmallOrganisation.ActivePeople;
        Assert.Equal(people, all.People);
        Assert.Equal(new KindCounts(1, 2, 3, 2), all.Moments);
        Assert.Equal(5, all.Recognitions);
        // a1, a2, n1, b2 logged; b1, b2, a2, n2 gave.
        Assert.Equal(6, all.Participants);
        Assert.Equal(6.0 / people, all.Participation!.Value, 6);
        Assert.Equal(4.0 / people, all.Coverage!.Value, 6);
        // Four recipients (a1 twice): the top one holds 2 of 5.
        Assert.Equal(0.4, all.Concentration!.Value, 6);
        // a2's March misery and b1's February one are open at the end of March.
        Assert.Equal(2, all.OpenMiseries);
        Assert.Equal(SmallOrganisation.At(2, 25), all.OldestOpenMiseryAt);
        // Five different raters; scores 4, 2, 5, 3, 2, 4.
        Assert.Equal(5, all.SatisfactionReceived.Raters);
        Assert.Equal(3.33, all.SatisfactionReceived.Average);

        // Beta: b2's magic only; b1's open February misery; rated by a1 and a2 only, so not shown.
        Assert.Equal(new KindCounts(0, 1, 0, 0), beta.Moments);
        Assert.Null(beta.RecoveryRate);
        Assert.Null(beta.MedianHoursToRecovery);
        Assert.Equal(1, beta.OpenMiseries);
        Assert.Equal(2, beta.SatisfactionReceived.Raters);
        Assert.Null(beta.SatisfactionReceived.Average);
        Assert.Equal(Outcomes.None, beta.Outcomes);

        // Alpha North alone: one rater (b3), hidden; its own people n1 and n2.
        Assert.Equal(2, north.People);
        Assert.Null(north.SatisfactionReceived.Average);
        Assert.Equal(1, north.Recognitions);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_report_compares_with_the_previous_period_and_shows_twelve_months_and_its_teams(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var org = await SmallOrganisation.CreateAsync(app);
        await using var scope = app.Scope();
        var builder = scope.ServiceProvider.GetRequiredService<ReportBuilder>();

        var report = await builder.BuildAsync(org.Alpha, March, Now, CancellationToken.None);
        Assert.Equal(new DateOnly(2025, 2, 1), report.Previous.Start);
        Assert.Equal(0, report.Previous.Moments.Total);
        Assert.Equal(12, report.Trend.Count);
        Assert.Equal(new DateOnly(2024, 4, 1), report.Trend[0].Month);
        Assert.Equal(SmallOrganisation.March, report.Trend[^1].Month);
        Assert.Equal(7, report.Trend[^1].Figures.Moments.Total);
        Assert.Equal(ServiceElements.Defined, report.Weakest.Element);
        Assert.Equal(FigureCatalog.SuggestionFor(ServiceElements.Defined), report.Suggestion);
        Assert.Empty(report.Teams);

        var quarter = await builder.BuildAsync(null, ReportRange.ForQuarter(2025, 1), Now, CancellationToken.None);
        Assert.Equal(new DateOnly(2024, 10, 1), quarter.Previous.Start);
        // b1's February misery joins the quarter.
        Assert.Equal(9, quarter.Figures.Moments.Total);
        // Top-level teams side by side, Alpha North rolled into Alpha.
        var alpha = quarter.Teams.Single(t => t.TeamId == org.Alpha);
        Assert.DoesNotContain(quarter.Teams, t => t.TeamId == org.North);
        Assert.Equal(7, alpha.Figures.Moments.Total);
        Assert.Equal(2, quarter.Teams.Single(t => t.TeamId == org.Beta).Figures.Moments.Total);
    }
}
