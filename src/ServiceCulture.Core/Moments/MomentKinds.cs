namespace ServiceCulture.Moments;

/// <summary>The four kinds of service moment.</summary>
public enum MomentKind
{
    Truth = 1,
    Magic = 2,
    Misery = 3,
    Recovery = 4,
}

/// <summary>Who may see a moment.</summary>
public enum Visibility
{
    Everyone = 1,
    MyTeam = 2,
    AuthorAndManager = 3,
}

/// <summary>Whom the moment served: an external customer, or a colleague or team inside the company.</summary>
public enum CustomerKind
{
    External = 1,
    Colleague = 2,
    Team = 3,
}
