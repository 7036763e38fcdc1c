using Microsoft.AspNetCore.Mvc.ModelBinding;
using ServiceCulture.Rules;

namespace ServiceCulture.Web.Pages;

/// <summary>Shows Core refusals on a page: each next to its field, and the status code the refusals call for.</summary>
public static class RefusalMapping
{
    /// <summary>
    /// Adds each refusal under the form key of its field (the summary when it names none), once per message;
    /// with <paramref name="onePerField"/>, a field that already shows an error keeps only that one.
    /// </summary>
    public static void AddRefusals(this ModelStateDictionary state, IEnumerable<Refusal> refusals, Func<string, string>? keyFor = null, bool onePerField = false)
    {
        foreach (var refusal in refusals)
        {
            var key = string.IsNullOrEmpty(refusal.Field) ? string.Empty : keyFor?.Invoke(refusal.Field) ?? refusal.Field;
            var shown = state.TryGetValue(key, out var entry) ? entry.Errors : null;
            if (shown is { Count: > 0 } && (onePerField || shown.Any(e => e.ErrorMessage == refusal.Message)))
            {
                continue;
            }

            state.AddModelError(key, refusal.Message);
        }
    }

    /// <summary>404 when the thing does not exist for the person, 403 when they may not, 409 on a conflict, 400 otherwise.</summary>
    public static int StatusCode(this IReadOnlyCollection<Refusal> refusals) =>
        refusals.Any(r => r.Kind == RefusalKind.NotFound) ? StatusCodes.Status404NotFound
        : refusals.Any(r => r.Kind == RefusalKind.NotAllowed) ? StatusCodes.Status403Forbidden
        : refusals.Any(r => r.Kind == RefusalKind.Conflict) ? StatusCodes.Status409Conflict
        : StatusCodes.Status400BadRequest;
}
