namespace Hull.Datastore;

/// <summary>The reads both stores answer from a <see cref="DatastoreState"/>, and the checks of their arguments.</summary>
internal static class DatastoreReads
{
    /// <summary>Null when <paramref name="transaction"/> (if any) and <paramref name="prefix"/> are valid; <paramref name="parsed"/> is the prefix.</summary>
    public static DatastoreError? Check(string? transaction, string? prefix, out DatastoreKey? parsed)
    {
        var prefixResult = SettingsMap.ParsePrefix(prefix);
        parsed = prefixResult.Succeeded ? prefixResult.Value : null;
        return (transaction is null ? null : TransactionName.Validate(transaction)) ?? prefixResult.Error;
    }

    /// <summary>The pending values of <paramref name="transaction"/>, empty when it does not exist.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Pending(DatastoreState state, string transaction) =>
        state.Pending.TryGetValue(transaction, out var pending) ? pending.Values : [];

    /// <summary>The keys <paramref name="transaction"/> removes, sorted; empty when it does not exist.</summary>
    public static IReadOnlyList<string> Removals(DatastoreState state, string transaction) =>
        state.Pending.TryGetValue(transaction, out var pending) ? [.. pending.Removals] : [];

    /// <summary>Live less what <paramref name="transaction"/> removes, overlaid with its pending values.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Effective(DatastoreState state, string transaction)
    {
        if (!state.Pending.TryGetValue(transaction, out var pending))
        {
            return state.Live;
        }

        var effective = new SortedDictionary<string, string>(state.Live, StringComparer.Ordinal);
        foreach (var key in state.Live.Keys.Where(k => pending.Removals.Any(r => SettingsMap.IsAtOrUnder(k, r))))
        {
            effective.Remove(key);
        }

        SettingsMap.Apply(effective, pending.Values);
        return effective;
    }
}
