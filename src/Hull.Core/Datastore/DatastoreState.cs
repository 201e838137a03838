namespace Hull.Datastore;

/// <summary>
/// The whole datastore as values: live settings, pending transactions, metadata and the commit awaiting
/// confirmation. Both stores hold one; <see cref="FileDatastore"/> publishes a new one after each durable
/// batch and never changes a published one, so readers need no lock. The operations
/// (<c>DatastoreState.Operations.cs</c>) check a request against this state, apply it and return the
/// <see cref="DatastoreChange"/> that the journal records.
/// </summary>
internal sealed partial class DatastoreState
{
    private DatastoreState(
        SortedDictionary<string, string> live,
        SortedDictionary<string, PendingTransaction> pending,
        SortedDictionary<string, SortedDictionary<string, string>> metadata,
        PendingConfirmation? confirmation)
    {
        Live = live;
        Pending = pending;
        Metadata = metadata;
        Confirmation = confirmation;
    }

    /// <summary>An empty store.</summary>
    public DatastoreState()
        : this(SettingsMap.Create(), new(StringComparer.Ordinal), NewMaps(), null)
    {
    }

    /// <summary>Live settings, canonical key → compact JSON.</summary>
    public SortedDictionary<string, string> Live { get; }

    /// <summary>Each pending transaction: its values and removals. Transactions are replaced, never changed in place.</summary>
    public SortedDictionary<string, PendingTransaction> Pending { get; }

    /// <summary>Metadata: key → (name → JSON). The inner maps are replaced, never changed in place.</summary>
    public SortedDictionary<string, SortedDictionary<string, string>> Metadata { get; }

    /// <summary>The commit awaiting confirmation, if any.</summary>
    public PendingConfirmation? Confirmation { get; private set; }

    /// <summary>A copy to work on: live is copied, the inner maps are shared (nothing changes them in place).</summary>
    public DatastoreState Clone() => new(
        new SortedDictionary<string, string>(Live, StringComparer.Ordinal),
        new SortedDictionary<string, PendingTransaction>(Pending, StringComparer.Ordinal),
        new SortedDictionary<string, SortedDictionary<string, string>>(Metadata, StringComparer.Ordinal),
        Confirmation);

    /// <summary>Applies <paramref name="change"/>; returns the live keys whose value changed.</summary>
    public List<string> Apply(DatastoreChange change)
    {
        var changed = SettingsMap.Apply(Live, change.LiveSet, change.LiveRemoved);
        foreach (var (transaction, pending) in change.PendingSet)
        {
            Pending[transaction] = pending;
        }

        foreach (var transaction in change.PendingRemoved)
        {
            Pending.Remove(transaction);
        }

        foreach (var (key, name, value) in change.Metadata)
        {
            var names = Metadata.TryGetValue(key, out var old)
                ? new SortedDictionary<string, string>(old, StringComparer.Ordinal)
                : new SortedDictionary<string, string>(StringComparer.Ordinal);
            names[name] = value;
            Metadata[key] = names;
        }

        if (change.ConfirmationChanged)
        {
            Confirmation = change.Confirmation;
        }

        return changed;
    }

    private static SortedDictionary<string, SortedDictionary<string, string>> NewMaps() => new(StringComparer.Ordinal);
}
