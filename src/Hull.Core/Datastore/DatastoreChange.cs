namespace Hull.Datastore;

/// <summary>
/// What one write did to the state, as absolute values: the live values set and keys removed, each
/// touched transaction whole (its values and the keys it will remove) or dropped, the metadata set, and
/// the pending confirmation set or cleared. Absolute, so applying a change twice, or over a snapshot that already
/// holds it, gives the same state: that is what lets the journal be replayed over snapshots of any age.
/// </summary>
internal sealed class DatastoreChange
{
    /// <summary>Live keys set to these values.</summary>
    public SortedDictionary<string, string> LiveSet { get; } = SettingsMap.Create();

    /// <summary>Live keys removed.</summary>
    public SortedSet<string> LiveRemoved { get; } = new(StringComparer.Ordinal);

    /// <summary>Transactions that are now exactly this, values and removals (never changed afterwards).</summary>
    public SortedDictionary<string, PendingTransaction> PendingSet { get; } = new(StringComparer.Ordinal);

    /// <summary>Transactions removed.</summary>
    public SortedSet<string> PendingRemoved { get; } = new(StringComparer.Ordinal);

    /// <summary>Metadata set: key, metadata name, JSON value.</summary>
    public List<(string Key, string Name, string Value)> Metadata { get; } = [];

    /// <summary>Whether the pending confirmation is set or cleared by this change.</summary>
    public bool ConfirmationChanged { get; private set; }

    /// <summary>The pending confirmation after this change, when <see cref="ConfirmationChanged"/>.</summary>
    public PendingConfirmation? Confirmation { get; private set; }

    /// <summary>True when applying it changes nothing.</summary>
    public bool IsEmpty => LiveSet.Count == 0 && LiveRemoved.Count == 0 && PendingSet.Count == 0 && PendingRemoved.Count == 0 && Metadata.Count == 0 && !ConfirmationChanged;

    /// <summary>Sets (or, with null, clears) the pending confirmation.</summary>
    public void SetConfirmation(PendingConfirmation? confirmation)
    {
        ConfirmationChanged = true;
        Confirmation = confirmation;
    }
}
