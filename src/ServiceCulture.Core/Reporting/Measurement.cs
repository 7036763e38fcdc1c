using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Reporting;

/// <summary>
/// One person's rating of the service their team received from another team in one month: 1–5 for
/// each element that applies. A second rating in the same month replaces the first.
/// </summary>
public sealed class ServiceRating
{
    public const int CommentMaxLength = 1000;
    public const int MinScore = 1;
    public const int MaxScore = 5;

    public long Id { get; set; }
    public int RaterId { get; set; }
    public Employee? Rater { get; set; }

    /// <summary>The rater's team when they rated: the team that received the service.</summary>
    public int? RaterTeamId { get; set; }

    public int RatedTeamId { get; set; }
    public Team? RatedTeam { get; set; }

    /// <summary>First day of the (UTC) month the rating is for.</summary>
    public DateOnly Month { get; set; }

    public int? Focus { get; set; }
    public int? Defined { get; set; }
    public int? GivenLife { get; set; }
    public int? ProblemSolving { get; set; }
    public int? Measured { get; set; }
    public int? Reinforced { get; set; }

    public string? Comment { get; set; }

    /// <summary>The moment the rating was offered from, when it came from one.</summary>
    public long? MomentId { get; set; }

    public DateTime RatedAt { get; set; }

    public int? ScoreFor(ServiceElements element) => element switch
    {
        ServiceElements.Focus => Focus,
        ServiceElements.Defined => Defined,
        ServiceElements.GivenLife => GivenLife,
        ServiceElements.ProblemSolving => ProblemSolving,
        ServiceElements.Measured => Measured,
        ServiceElements.Reinforced => Reinforced,
        _ => null,
    };

    public void SetScore(ServiceElements element, int? score)
    {
        switch (element)
        {
            case ServiceElements.Focus: Focus = score; break;
            case ServiceElements.Defined: Defined = score; break;
            case ServiceElements.GivenLife: GivenLife = score; break;
            case ServiceElements.ProblemSolving: ProblemSolving = score; break;
            case ServiceElements.Measured: Measured = score; break;
            case ServiceElements.Reinforced: Reinforced = score; break;
            default: throw new ArgumentOutOfRangeException(nameof(element), element, "Not a single service element.");
        }
    }
}

/// <summary>The customers' own figures for one team and month, recorded by an admin.</summary>
public sealed class OutcomeMeasure
{
    public long Id { get; set; }
    public int TeamId { get; set; }
    public Team? Team { get; set; }
    public DateOnly Month { get; set; }

    /// <summary>Customer satisfaction, percent of satisfied answers (0–100).</summary>
    public double? Csat { get; set; }

    /// <summary>Net Promoter Score (−100 to 100).</summary>
    public int? Nps { get; set; }

    /// <summary>Customer retention, percent (0–100).</summary>
    public double? Retention { get; set; }

    public int? Referrals { get; set; }
    public int? Complaints { get; set; }

    public int RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// The figures of one closed month for one scope (a team with its sub-teams, or the organisation),
/// stored once and never changed: (scope, month) is unique and nothing updates a snapshot.
/// </summary>
public sealed class ReportSnapshot
{
    public const string OrganisationScope = "organisation";
    public const int ScopeMaxLength = 40;

    public long Id { get; set; }

    /// <summary><see cref="OrganisationScope"/> or <c>team-{id}</c>.</summary>
    public string Scope { get; set; } = "";

    public int? TeamId { get; set; }
    public DateOnly Month { get; set; }

    /// <summary>The <see cref="ReportFigures"/> as JSON.</summary>
    public string Figures { get; set; } = "";

    public DateTime TakenAt { get; set; }

    public static string ScopeOf(int? teamId) => teamId is { } id ? $"team-{id}" : OrganisationScope;
}
