namespace ServiceCulture.Rules;

/// <summary>The answer of a rule that changes something: done, or refused with every reason at once.</summary>
public sealed class RuleResult
{
    public static readonly RuleResult Done = new([]);

    private RuleResult(IReadOnlyList<Refusal> refusals) => Refusals = refusals;

    public IReadOnlyList<Refusal> Refusals { get; }

    public bool Succeeded => Refusals.Count == 0;

    public static RuleResult Refused(params IReadOnlyList<Refusal> refusals) =>
        refusals.Count == 0 ? throw new ArgumentException("A refusal needs at least one reason.", nameof(refusals)) : new(refusals);
}

/// <summary>The answer of a rule that creates or returns something: the value, or refused with every reason at once.</summary>
public sealed class RuleResult<T>
    where T : class
{
    private RuleResult(T? value, IReadOnlyList<Refusal> refusals)
    {
        Value = value;
        Refusals = refusals;
    }

    /// <summary>What the rule created or changed; null when refused.</summary>
    public T? Value { get; }

    public IReadOnlyList<Refusal> Refusals { get; }

    public bool Succeeded => Value is not null && Refusals.Count == 0;

    public static RuleResult<T> Done(T value) => new(value, []);

    public static RuleResult<T> Refused(params IReadOnlyList<Refusal> refusals) =>
        refusals.Count == 0 ? throw new ArgumentException("A refusal needs at least one reason.", nameof(refusals)) : new(null, refusals);
}
