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
        var merged = Pending.TryGetValue(transaction, out var old) ? new SortedDictionary<string, string>(old, StringComparer.Ordinal) : SettingsMap.Create();
        SettingsMap.Apply(merged, values);
        var change = new DatastoreChange();
        change.PendingSet[transaction] = merged;
        Apply(change);
        return change;
    }

    /// <summary>Removes <paramref name="transaction"/>; returns what it held (empty when it did not exist).</summary>
    public (IReadOnlyDictionary<string, string> Discarded, DatastoreChange? Change) DeleteTransaction(string transaction)
    {
        if (!Pending.TryGetValue(transaction, out var pending))
        {
            return (SettingsMap.Create(), null);
        }

        var change = new DatastoreChange();
        change.PendingRemoved.Add(transaction);
        Apply(change);
        return (pending, change);
    }

    /// <summary>
    /// Makes <paramref name="transaction"/> live and removes it, unless it would change keys a commit awaiting
    /// confirmation changed, or <see cref="CommitOptions.Validate"/> refuses the result; then nothing changes
    /// and the transaction stays pending.
    /// </summary>
    public (DatastoreResult<CommitResult> Result, DatastoreChange? Change) Commit(string transaction, CommitOptions options)
    {
        if (!Pending.TryGetValue(transaction, out var pending))
        {
            return (new CommitResult([], null), null);
        }

        var changed = pending.Where(kv => !Live.TryGetValue(kv.Key, out var old) || !string.Equals(old, kv.Value, StringComparison.Ordinal)).Select(kv => kv.Key).ToList();
        if (Confirmation is { } waiting && Conflict(transaction, changed, options, waiting) is { } conflict)
        {
            return (conflict, null);
        }

        if (options.Validate is { } validate && changed.Count > 0)
        {
            var effective = new SortedDictionary<string, string>(Live, StringComparer.Ordinal);
            SettingsMap.Apply(effective, pending);
            if (validate(effective, changed) is { } refusal)
            {
                return (new DatastoreError(DatastoreErrorKind.Rejected, transaction, refusal), null);
            }
        }

        var change = new DatastoreChange();
        foreach (var key in changed)
        {
            change.LiveSet[key] = pending[key];
        }

        change.PendingRemoved.Add(transaction);
        PendingConfirmation? confirmation = null;
        if (options.Confirmation is { } request && changed.Count > 0)
        {
            confirmation = new PendingConfirmation(request.Id, transaction, request.CommittedAt, request.Deadline, request.Window,
                [.. changed.Select(key => new ConfirmationChange(key, Live.GetValueOrDefault(key), pending[key]))], request.Note);
            change.SetConfirmation(confirmation);
        }

        Apply(change);
        return (new CommitResult(changed, confirmation), change);
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

    /// <summary>Undoes commit <paramref name="id"/>: each key it changed gets its value back, and a key it created is removed.</summary>
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
