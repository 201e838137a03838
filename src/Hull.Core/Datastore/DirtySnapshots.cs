namespace Hull.Datastore;

/// <summary>Which snapshot files the journal's records have made stale since the last checkpoint.</summary>
internal sealed class DirtySnapshots
{
    /// <summary>live.json.</summary>
    public bool Live { get; private set; }

    /// <summary>metadata.json.</summary>
    public bool Metadata { get; private set; }

    /// <summary>confirmation.json.</summary>
    public bool Confirmation { get; private set; }

    /// <summary>The pending files of these transactions (written, or removed when the transaction is gone).</summary>
    public SortedSet<string> Pending { get; } = new(StringComparer.Ordinal);

    /// <summary>Notes the files <paramref name="change"/> touches.</summary>
    public void Add(DatastoreChange change)
    {
        Live |= change.LiveSet.Count > 0 || change.LiveRemoved.Count > 0;
        Metadata |= change.Metadata.Count > 0;
        Confirmation |= change.ConfirmationChanged;
        Pending.UnionWith(change.PendingSet.Keys);
        Pending.UnionWith(change.PendingRemoved);
    }

    /// <summary>After a checkpoint: nothing is stale.</summary>
    public void Clear()
    {
        Live = Metadata = Confirmation = false;
        Pending.Clear();
    }
}
