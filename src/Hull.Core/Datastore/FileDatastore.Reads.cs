namespace Hull.Datastore;

internal sealed partial class FileDatastore
{
    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetLiveAsync(string? prefix, CancellationToken cancellationToken) =>
        Task.FromResult(Read(null, prefix, (state, _) => state.Live));

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetPendingAsync(string transaction, string? prefix, CancellationToken cancellationToken) =>
        Task.FromResult(Read(transaction, prefix, DatastoreReads.Pending));

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyList<string>>> GetPendingRemovalsAsync(string transaction, CancellationToken cancellationToken) =>
        Task.FromResult(TransactionName.Validate(transaction) is { } error
            ? (DatastoreResult<IReadOnlyList<string>>)error
            : DatastoreResult<IReadOnlyList<string>>.Success(DatastoreReads.Removals(_state, transaction)));

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetEffectiveAsync(string transaction, string? prefix, CancellationToken cancellationToken) =>
        Task.FromResult(Read(transaction, prefix, DatastoreReads.Effective));

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListTransactionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _state.Pending.Keys]);

    /// <inheritdoc/>
    public Task<PendingConfirmation?> GetConfirmationAsync(CancellationToken cancellationToken) => Task.FromResult(_state.Confirmation);

    /// <inheritdoc/>
    public Task<DatastoreResult<string?>> GetMetadataAsync(string key, string metadataName, CancellationToken cancellationToken)
    {
        var target = MetadataRequest.ValidateTarget(key, metadataName);
        if (!target.Succeeded)
        {
            return Task.FromResult<DatastoreResult<string?>>(target.Error);
        }

        return Task.FromResult<DatastoreResult<string?>>(_state.Metadata.TryGetValue(target.Value, out var names) ? names.GetValueOrDefault(metadataName) : null);
    }

    // One published state per read: live and a transaction always come from the same moment.
    private DatastoreResult<IReadOnlyDictionary<string, string>> Read(string? transaction, string? prefix, Func<DatastoreState, string, IEnumerable<KeyValuePair<string, string>>> select)
    {
        var error = DatastoreReads.Check(transaction, prefix, out var parsed);
        return error is not null ? error : SettingsMap.Select(select(_state, transaction ?? ""), parsed);
    }
}
