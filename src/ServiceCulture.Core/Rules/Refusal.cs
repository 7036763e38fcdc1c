namespace ServiceCulture.Rules;

/// <summary>What kind of "no" a rule gave: pages turn it into 400, 403, 404 or 409.</summary>
public enum RefusalKind
{
    /// <summary>The input breaks a rule; the message says how to fix it.</summary>
    Invalid = 1,

    /// <summary>This person may not do this to this thing.</summary>
    NotAllowed = 2,

    /// <summary>The thing does not exist for this person.</summary>
    NotFound = 3,

    /// <summary>Someone else changed it first, or it has already been done.</summary>
    Conflict = 4,
}

/// <summary>
/// Why a rule refused, in the one shape every Core rule uses: the kind of refusal, the input field it
/// concerns (named as in the rule's draft, or null for the request as a whole) and a message for the person.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string? Field, string Message)
{
    public static Refusal Invalid(string? field, string message) => new(RefusalKind.Invalid, field, message);

    public static Refusal NotAllowed(string message) => new(RefusalKind.NotAllowed, null, message);

    public static Refusal NotFound(string message) => new(RefusalKind.NotFound, null, message);

    public static Refusal Conflict(string message, string? field = null) => new(RefusalKind.Conflict, field, message);
}
