namespace ServiceCulture.People;

/// <summary>The rule that a chain of managers never loops back on itself.</summary>
public static class ManagerChain
{
    /// <summary>
    /// Whether making <paramref name="managerId"/> the manager of <paramref name="personId"/> would
    /// form a cycle, given who manages whom (<paramref name="managerOf"/>).
    /// </summary>
    public static bool WouldCycle<TKey>(TKey personId, TKey? managerId, Func<TKey, TKey?> managerOf)
        where TKey : struct
    {
        var seen = new HashSet<TKey>();
        for (var current = managerId; current is { } id; current = managerOf(id))
        {
            if (EqualityComparer<TKey>.Default.Equals(id, personId))
            {
                return true;
            }

            if (!seen.Add(id))
            {
                // Already looping above the person: a broken chain elsewhere, not one this change makes.
                return false;
            }
        }

        return false;
    }

    /// <summary>The people whose chain of managers, as given, comes back to themselves.</summary>
    public static HashSet<TKey> InCycles<TKey>(IReadOnlyDictionary<TKey, TKey?> managerOf)
        where TKey : struct
    {
        var result = new HashSet<TKey>();
        foreach (var (person, manager) in managerOf)
        {
            if (WouldCycle(person, manager, key => managerOf.TryGetValue(key, out var m) ? m : null))
            {
                result.Add(person);
            }
        }

        return result;
    }
}
