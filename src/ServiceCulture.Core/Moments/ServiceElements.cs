namespace ServiceCulture.Moments;

/// <summary>The six service elements; moments, recognitions and review items carry one or more.</summary>
[Flags]
public enum ServiceElements
{
    None = 0,
    Focus = 1,
    Defined = 2,
    GivenLife = 4,
    ProblemSolving = 8,
    Measured = 16,
    Reinforced = 32,
}

/// <summary>What each element means, in the portal's own words.</summary>
public sealed record ServiceElementInfo(ServiceElements Element, string Name, string Slug, string Hint, string Meaning, string[] Practices);

/// <summary>The six elements in order, and how to read and check a set of them.</summary>
public static class ServiceElementCatalog
{
    public const ServiceElements AllElements = ServiceElements.Focus | ServiceElements.Defined | ServiceElements.GivenLife
        | ServiceElements.ProblemSolving | ServiceElements.Measured | ServiceElements.Reinforced;

    public static readonly IReadOnlyList<ServiceElementInfo> All =
    [
        new(ServiceElements.Focus, "Focus", "focus",
            "Service came first, before it was asked for.",
            "Service is a top priority every day, handled proactively rather than only when something breaks. People look ahead for what a colleague or customer will need and act before they have to ask.",
            ["Listen first, and answer the question that was actually asked.", "Check in before a deadline, not after it slips."]),
        new(ServiceElements.Defined, "Defined", "defined",
            "Service is part of who we are, not a department.",
            "Service is written into how the organisation describes itself and how each role is described. Everyone can say what good service looks like in their own job, not just the people with 'customer' in their title.",
            ["Say what 'done well' means for your internal customers.", "Share procedures so the same request gets the same answer."]),
        new(ServiceElements.GivenLife, "Given life", "given-life",
            "Anyone would have given the same experience.",
            "Everybody practises service, so the customer gets the same experience whoever they reach. It lives in daily habits: plain language instead of jargon, picking up the phone when a message could be misread.",
            ["Use plain language, not jargon.", "Pick up the phone when a message could be misread."]),
        new(ServiceElements.ProblemSolving, "Problem solving", "problem-solving",
            "No one-size-fits-all; a fair outcome, handled with tact.",
            "There is no script for every case. People read the situation, handle it with tact and look for an outcome that is fair to the customer and to us, and never just say no without offering an alternative.",
            ["Never just say no: offer an alternative.", "Check understanding instead of trusting a nod."]),
        new(ServiceElements.Measured, "Measured", "measured",
            "We know how service is going: numbers and feedback.",
            "Service is tracked: retention and referrals, surveys, internal ratings, how fast miseries are recovered. What is measured is talked about, and every complaint heard stands for many that were not.",
            ["Every complaint heard stands for many unheard.", "Ask your internal customers how it went."]),
        new(ServiceElements.Reinforced, "Reinforced", "reinforced",
            "Kept alive on purpose, not fixed once.",
            "Service culture is cultivated continuously: recognised, coached, retold. Good moments are celebrated, lessons from miseries are replayed, and the golden rule applies before, during and after every sale.",
            ["Thank colleagues for the service they gave.", "Replay the lessons from every recovery."]),
    ];

    public static ServiceElementInfo Info(ServiceElements element) => All.Single(e => e.Element == element);

    public static ServiceElementInfo? FromSlug(string? slug) => All.FirstOrDefault(e => string.Equals(e.Slug, slug, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<ServiceElementInfo> In(ServiceElements elements) => All.Where(e => elements.HasFlag(e.Element));

    public static bool IsValid(ServiceElements elements) => elements != ServiceElements.None && (elements & ~AllElements) == 0;
}
