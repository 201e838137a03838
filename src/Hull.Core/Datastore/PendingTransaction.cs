namespace Hull.Datastore;

/// <summary>
/// One pending transaction: the values it sets, and the keys it removes, each with every key under it (whole
/// segments). A commit removes first and then sets, so "remove a table, then set some of its keys" replaces the
/// table. Stored ones are never changed in place: a write makes a new one.
/// </summary>
internal sealed class PendingTransaction(SortedDictionary<string, string> values, SortedSet<string> removals)
{
    /// <summary>A transaction with nothing in it (what reads of a missing transaction see).</summary>
    public PendingTransaction()
        : this(SettingsMap.Create(), NewRemovals())
    {
    }

    /// <summary>Canonical key → compact JSON: the values the commit sets.</summary>
    public SortedDictionary<string, string> Values { get; } = values;

    /// <summary>Canonical keys the commit removes from live, each with every key under it.</summary>
    public SortedSet<string> Removals { get; } = removals;

    /// <summary>A new, empty set of removals in the order every read returns them.</summary>
    public static SortedSet<string> NewRemovals() => new(StringComparer.Ordinal);
}
