using System.Text.RegularExpressions;

namespace ServiceCulture.Moments;

/// <summary>
/// Hides people's and customers' names in text shared as a case study. Colleagues' full names, and
/// their first and last names on their own, become "a colleague"; external customers become "the customer".
/// The sharer reviews the result before it is published.
/// </summary>
public sealed class Anonymiser
{
    public const string Colleague = "a colleague";
    public const string Customer = "the customer";
    public const string CustomerTeam = "another team";

    private readonly List<(Regex Pattern, string Replacement)> rules = [];

    public Anonymiser(IEnumerable<string> everyonesNames, IEnumerable<string> involvedNames, IEnumerable<string> customerNames, IEnumerable<string> customerTeams, IEnumerable<string> emails)
    {
        // Longest first, so "Emma Lindqvist" goes before "Emma".
        var replacements = new List<(string Text, string Replacement)>();
        replacements.AddRange(emails.Select(e => (e, Colleague)));
        replacements.AddRange(customerNames.Select(n => (n, Customer)));
        replacements.AddRange(customerTeams.Select(t => (t, CustomerTeam)));
        foreach (var name in everyonesNames.Concat(involvedNames))
        {
            replacements.Add((name, Colleague));
            foreach (var part in name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 3))
            {
                replacements.Add((part, Colleague));
            }
        }

        foreach (var (text, replacement) in replacements
                     .Where(r => !string.IsNullOrWhiteSpace(r.Text))
                     .DistinctBy(r => r.Text.Trim().ToUpperInvariant())
                     .OrderByDescending(r => r.Text.Length))
        {
            var pattern = new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(text.Trim())}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            rules.Add((pattern, replacement));
        }
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        foreach (var (pattern, replacement) in rules)
        {
            text = pattern.Replace(text, replacement);
        }

        return text;
    }
}
