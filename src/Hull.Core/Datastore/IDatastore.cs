namespace Hull.Datastore;

/// <summary>
/// The settings datastore: live settings, named pending transactions, and metadata beside keys.
/// Keys are canonical <see cref="DatastoreKey"/> text; values are compact JSON text of a scalar or an
/// array. Maps come back sorted by key (ordinal). A <c>prefix</c> of null or "" selects everything;
/// otherwise it is a key, and matches whole segments. Bad keys, values and names come back as a
/// <see cref="DatastoreError"/>; a store that cannot be read throws <see cref="DatastoreException"/>.
/// </summary>
internal interface IDatastore
{
    /// <summary>The live (committed) settings at or under <paramref name="prefix"/>.</summary>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetLiveAsync(string? prefix, CancellationToken cancellationToken);

    /// <summary>The pending changes of <paramref name="transaction"/> at or under <paramref name="prefix"/>; empty when it does not exist.</summary>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetPendingAsync(string transaction, string? prefix, CancellationToken cancellationToken);

    /// <summary>The keys <paramref name="transaction"/> removes at commit (each with every key under it), sorted; empty when it does not exist.</summary>
    public Task<DatastoreResult<IReadOnlyList<string>>> GetPendingRemovalsAsync(string transaction, CancellationToken cancellationToken);

    /// <summary>Live settings less what <paramref name="transaction"/> removes, overlaid with its pending values: what committing it would give.</summary>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetEffectiveAsync(string transaction, string? prefix, CancellationToken cancellationToken);

    /// <summary>Merges <paramref name="values"/> into <paramref name="transaction"/>, creating it. All or nothing: one bad entry and nothing is stored.</summary>
    public Task<DatastoreError?> SetPendingAsync(string transaction, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken);

    /// <summary>
    /// Stages, in <paramref name="transaction"/> (creating it), the removal of each of <paramref name="keys"/> and every
    /// key under it (whole segments): the transaction's own values there are dropped, and the live keys there are
    /// removed when it commits, before its values are set. Then <paramref name="values"/> are merged in, in the same
    /// write (the settings layer stages the variant's defaults of removed keys so). All or nothing: a bad key, or one
    /// with nothing at or under it as the transaction sees the settings (<see cref="DatastoreErrorKind.NoSuchKey"/>),
    /// and nothing is stored.
    /// </summary>
    public Task<DatastoreError?> RemovePendingAsync(string transaction, IReadOnlyList<string> keys, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken);

    /// <summary>The names of the pending transactions, sorted.</summary>
    public Task<IReadOnlyList<string>> ListTransactionsAsync(CancellationToken cancellationToken);

    /// <summary>Discards <paramref name="transaction"/>; returns what it held, values and removals (empty when it did not exist).</summary>
    public Task<DatastoreResult<PendingTransaction>> DeleteTransactionAsync(string transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="transaction"/> to live, atomically (its removals, then its values), and removes it.
    /// Returns the keys whose live value changed (sorted), so the caller knows what to render and restart; a
    /// missing or empty transaction changes nothing. A removal that finds nothing live any more is
    /// <see cref="DatastoreErrorKind.NoSuchKey"/>; then the transaction stays pending.
    /// </summary>
    public Task<DatastoreResult<IReadOnlyList<string>>> CommitAsync(string transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Commits <paramref name="transaction"/> as <see cref="CommitAsync(string, CancellationToken)"/> does, checked by
    /// <see cref="CommitOptions.Validate"/> against the state it applies to, and, when asked, kept only if confirmed:
    /// the values the changed keys had before are stored with the commit, atomically. A commit that would change
    /// keys awaiting confirmation is a <see cref="DatastoreErrorKind.Conflict"/>; then the transaction stays pending.
    /// </summary>
    public Task<DatastoreResult<CommitResult>> CommitAsync(string transaction, CommitOptions options, CancellationToken cancellationToken);

    /// <summary>The commit awaiting confirmation, or null.</summary>
    public Task<PendingConfirmation?> GetConfirmationAsync(CancellationToken cancellationToken);

    /// <summary>Keeps the commit awaiting confirmation (only if it is <paramref name="id"/>, when given); returns it.</summary>
    public Task<DatastoreResult<PendingConfirmation>> ConfirmAsync(string? id, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes commit <paramref name="id"/>, atomically: each key it changed or removed gets its value back and a
    /// key it created is removed from live. Returns the live keys that changed.
    /// </summary>
    public Task<DatastoreResult<IReadOnlyList<string>>> RevertAsync(string id, CancellationToken cancellationToken);

    /// <summary>The JSON value of metadata <paramref name="metadataName"/> on <paramref name="key"/>, or null when unset.</summary>
    public Task<DatastoreResult<string?>> GetMetadataAsync(string key, string metadataName, CancellationToken cancellationToken);

    /// <summary>Sets metadata <paramref name="metadataName"/> on <paramref name="key"/> to <paramref name="jsonValue"/> (any JSON). The key need not be set.</summary>
    public Task<DatastoreError?> SetMetadataAsync(string key, string metadataName, string jsonValue, CancellationToken cancellationToken);
}
