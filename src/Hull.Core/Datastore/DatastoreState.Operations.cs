namespace Hull.Datastore;

/// <summary>
/// The writes, shared by both stores: each checks its request against this state, applies what it does
/// and returns the change (null when nothing changed). Keys, values and names arrive already validated.
/// </summary>
internal sealed partial class DatastoreState
{
    /// <summary>Merges canonical <paramref name="values"/> into <paramref name="transaction"/>, creating it.</summary>
    public DatastoreChange SetPending(string transaction, IReadOnlyDictionary<string, string> values)
    {
        var old = Pending.GetValueOrDefault(transaction);
        var merged = old is null ? SettingsMap.Create() : new SortedDictionary<string, string>(old.Values, StringComparer.Ordinal);
        SettingsMap.Apply(merged, values);
        var change = new DatastoreChange();
        change.PendingSet[transaction] = new PendingTransaction(merged, old?.Removals ?? PendingTransaction.NewRemovals());
        Apply(change);
        return change;
    }

    /// <summary>
    /// Stages the removal of each canonical key in <paramref name="keys"/> and every key under it in
    /// <paramref name="transaction"/>, creating it: the transaction's own values there are dropped, and live keys
    /// there are removed at commit. Then <paramref name="values"/> are merged in, in the same write. A key with
    /// nothing at or under it, as the transaction sees the settings (live less what it already removes, plus its
    /// values), is <see cref="DatastoreErrorKind.NoSuchKey"/>, and nothing changes.
    /// </summary>
    public (DatastoreError? Error, DatastoreChange? Change) RemovePending(string transaction, IReadOnlyList<string> keys, IReadOnlyDictionary<string, string> values)
    {
        var old = Pending.GetValueOrDefault(transaction) ?? new PendingTransaction();
        var merged = new SortedDictionary<string, string>(old.Values, StringComparer.Ordinal);
        var removals = new SortedSet<string>(old.Removals, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var staged = merged.Keys.Where(k => SettingsMap.IsAtOrUnder(k, key)).ToList();
            var live = Live.Keys.Any(k => SettingsMap.IsAtOrUnder(k, key) && !removals.Any(r => SettingsMap.IsAtOrUnder(k, r)));
            if (staged.Count == 0 && !live)
            {
                return (new DatastoreError(DatastoreErrorKind.NoSuchKey, key,
                    $"{key}: nothing to remove: no setting is at or under this key{(old.Values.Count + old.Removals.Count > 0 ? $" (as transaction '{transaction}' leaves the settings)" : "")}"), null);
            }

            staged.ForEach(k => merged.Remove(k));
            if (live)
            {
                // One removal covers the ones under it.
                removals.RemoveWhere(r => SettingsMap.IsAtOrUnder(r, key));
                removals.Add(key);
            }
        }

        SettingsMap.Apply(merged, values);
        var change = new DatastoreChange();
        change.PendingSet[transaction] = new PendingTransaction(merged, removals);
        Apply(change);
        return (null, change);
    }

    /// <summary>Removes <paramref name="transaction"/>; returns what it held (empty when it did not exist).</summary>
    public (PendingTransaction Discarded, DatastoreChange? Change) DeleteTransaction(string transaction)
    {
        if (!Pending.TryGetValue(transaction, out var pending))
        {
            return (new PendingTransaction(), null);
        }

        var change = new DatastoreChange();
        change.PendingRemoved.Add(transaction);
        Apply(change);
        return (pending, change);
    }

    /// <summary>
    /// Makes <paramref name="transaction"/> live and removes it: its removals first, then its values. Unless a
    /// removal finds nothing live any more, it would change keys a commit awaiting confirmation changed, or
    /// <see cref="CommitOptions.Validate"/> refuses the result; then nothing changes and the transaction stays pending.
    /// </summary>
    public (DatastoreResult<CommitResult> Result, DatastoreChange? Change) Commit(string transaction, CommitOptions options)
    {
        if (!Pending.TryGetValue(transaction, out var pending))
        {
            return (new CommitResult([], null), null);
        }

        // Removals first, each against live as it is now: one that finds nothing was staged against settings that
        // another commit has changed since, and the operator should look again.
        var effective = new SortedDictionary<string, string>(Live, StringComparer.Ordinal);
        var removed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var removal in pending.Removals)
        {
            var under = Live.Keys.Where(k => SettingsMap.IsAtOrUnder(k, removal)).ToList();
            if (under.Count == 0)
            {
                return (new DatastoreError(DatastoreErrorKind.NoSuchKey, removal,
                    $"{removal}: nothing to remove: transaction '{transaction}' removes it, but no live setting is at or under it any more; the transaction stays pending"), null);
            }

            removed.UnionWith(under);
            under.ForEach(k => effective.Remove(k));
        }

        SettingsMap.Apply(effective, pending.Values);
        var changed = pending.Values.Where(kv => !Live.TryGetValue(kv.Key, out var old) || !string.Equals(old, kv.Value, StringComparison.Ordinal)).Select(kv => kv.Key)
            .Concat(removed.Where(k => !pending.Values.ContainsKey(k)))
            .Order(StringComparer.Ordinal).ToList();
        if (Confirmation is { } waiting && Conflict(transaction, changed, options, waiting) is { } conflict)
        {
            return (conflict, null);
        }

        if (options.Validate is { } validate && changed.Count > 0)
        {
            if (validate(effective, changed) is { } refusal)
            {
                return (new DatastoreError(DatastoreErrorKind.Rejected, transaction, refusal), null);
            }
        }

        var change = new DatastoreChange();
        var before = SettingsMap.Create();
        foreach (var key in changed)
        {
            if (effective.TryGetValue(key, out var value))
            {
                change.LiveSet[key] = value;
            }
            else
            {
                change.LiveRemoved.Add(key);
                before[key] = Live[key];
            }
        }

        change.PendingRemoved.Add(transaction);
        PendingConfirmation? confirmation = null;
        if (options.Confirmation is { } request && changed.Count > 0)
        {
            confirmation = new PendingConfirmation(request.Id, transaction, request.CommittedAt, request.Deadline, request.Window,
                [.. changed.Select(key => new ConfirmationChange(key, Live.GetValueOrDefault(key), effective.GetValueOrDefault(key)))], request.Note);
            change.SetConfirmation(confirmation);
        }

        Apply(change);
        return (new CommitResult(changed, confirmation) { Removed = before }, change);
    }

    /// <summary>Sets metadata <paramref name="name"/> of canonical <paramref name="key"/> to canonical JSON <paramref name="value"/>.</summary>
    public DatastoreChange SetMetadata(string key, string name, string value)
    {
        var change = new DatastoreChange();
        change.Metadata.Add((key, name, value));
        Apply(change);
        return change;
    }

    /// <summary>Keeps the commit awaiting confirmation (the one named by <paramref name="id"/>, when given).</summary>
    public (DatastoreResult<PendingConfirmation> Result, DatastoreChange? Change) Confirm(string? id)
    {
        if (Awaiting(id) is { } error)
        {
            return (error, null);
        }

        var confirmed = Confirmation!;
        var change = new DatastoreChange();
        change.SetConfirmation(null);
        Apply(change);
        return (confirmed, change);
    }

    /// <summary>Undoes commit <paramref name="id"/>: each key it changed or removed gets its value back, and a key it created is removed.</summary>
    public (DatastoreResult<IReadOnlyList<string>> Result, DatastoreChange? Change) Revert(string id)
    {
        if (Awaiting(id) is { } error)
        {
            return (error, null);
        }

        var change = new DatastoreChange();
        foreach (var (key, before, _) in Confirmation!.Changes)
        {
            if (before is null)
            {
                change.LiveRemoved.Add(key);
            }
            else
            {
                change.LiveSet[key] = before;
            }
        }

        change.SetConfirmation(null);
        return (Apply(change), change);
    }

    private DatastoreError? Awaiting(string? id) =>
        Confirmation is null ? new DatastoreError(DatastoreErrorKind.NoConfirmation, id ?? "", "no commit is awaiting confirmation")
        : id is not null && id != Confirmation.Id ? new DatastoreError(DatastoreErrorKind.NoConfirmation, id,
            $"commit {id} is not awaiting confirmation (commit {Confirmation.Id} of transaction '{Confirmation.Transaction}' is)")
        : null;

    // While a commit awaits confirmation its keys are its own: another change to them would be undone by its
    // revert, or would stop the revert from restoring what was there. And there is one such commit at a time.
    private static DatastoreError? Conflict(string transaction, List<string> changed, CommitOptions options, PendingConfirmation waiting)
    {
        var awaiting = $"commit {waiting.Id} of transaction '{waiting.Transaction}' is awaiting confirmation until {waiting.Deadline:O}";
        if (options.Confirmation is not null && changed.Count > 0)
        {
            return new DatastoreError(DatastoreErrorKind.Conflict, transaction,
                $"transaction '{transaction}' asks for confirmation, but {awaiting}; confirm it or let it revert first");
        }

        var clash = changed.Where(key => waiting.Changes.Any(c => c.Key == key)).ToList();
        return clash.Count == 0 ? null : new DatastoreError(DatastoreErrorKind.Conflict, transaction,
            $"transaction '{transaction}' would change {string.Join(", ", clash)}, which {awaiting}; confirm it or let it revert first");
    }
}
