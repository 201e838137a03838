namespace Hull.Datastore;

/// <summary>
/// The datastore held in memory: the twin of <see cref="FileDatastore"/> for tests of the components
/// that use it. Same rules (the same <see cref="DatastoreState"/> operations), same results; nothing
/// survives the process.
/// </summary>
internal sealed class InMemoryDatastore : IDatastore
{
    private readonly Lock _gate = new();
    private readonly DatastoreState _state = new();

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetLiveAsync(string? prefix, CancellationToken cancellationToken) =>
        Task.FromResult(Read(null, prefix, (state, _) => state.Live));

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetPendingAsync(string transaction, string? prefix, CancellationToken cancellationToken) =>
        Task.FromResult(Read(transaction, prefix, DatastoreReads.Pending));

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyList<string>>> GetPendingRemovalsAsync(string transaction, CancellationToken cancellationToken)
    {
        if (TransactionName.Validate(transaction) is { } error)
        {
            return Task.FromResult<DatastoreResult<IReadOnlyList<string>>>(error);
        }

        lock (_gate)
        {
            return Task.FromResult<DatastoreResult<IReadOnlyList<string>>>(DatastoreReads.Removals(_state, transaction).ToList());
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetEffectiveAsync(string transaction, string? prefix, CancellationToken cancellationToken) =>
        Task.FromResult(Read(transaction, prefix, DatastoreReads.Effective));

    /// <inheritdoc/>
    public Task<DatastoreError?> SetPendingAsync(string transaction, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var canonical = SettingsMap.Validate(values);
        var error = TransactionName.Validate(transaction) ?? canonical.Error;
        if (error is null)
        {
            lock (_gate)
            {
                _state.SetPending(transaction, canonical.Value);
            }
        }

        return Task.FromResult(error);
    }

    /// <inheritdoc/>
    public Task<DatastoreError?> RemovePendingAsync(string transaction, IReadOnlyList<string> keys, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var canonicalKeys = SettingsMap.ValidateKeys(keys);
        var canonicalValues = SettingsMap.Validate(values);
        var error = TransactionName.Validate(transaction) ?? canonicalKeys.Error ?? canonicalValues.Error;
        if (error is null)
        {
            lock (_gate)
            {
                error = _state.RemovePending(transaction, canonicalKeys.Value, canonicalValues.Value).Error;
            }
        }

        return Task.FromResult(error);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListTransactionsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _state.Pending.Keys]);
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<PendingTransaction>> DeleteTransactionAsync(string transaction, CancellationToken cancellationToken)
    {
        if (TransactionName.Validate(transaction) is { } error)
        {
            return Task.FromResult<DatastoreResult<PendingTransaction>>(error);
        }

        lock (_gate)
        {
            return Task.FromResult<DatastoreResult<PendingTransaction>>(_state.DeleteTransaction(transaction).Discarded);
        }
    }

    /// <inheritdoc/>
    public async Task<DatastoreResult<IReadOnlyList<string>>> CommitAsync(string transaction, CancellationToken cancellationToken)
    {
        var result = await CommitAsync(transaction, CommitOptions.None, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? DatastoreResult<IReadOnlyList<string>>.Success(result.Value.Changed) : result.Error;
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<CommitResult>> CommitAsync(string transaction, CommitOptions options, CancellationToken cancellationToken)
    {
        if (TransactionName.Validate(transaction) is { } error)
        {
            return Task.FromResult<DatastoreResult<CommitResult>>(error);
        }

        lock (_gate)
        {
            return Task.FromResult(_state.Commit(transaction, options).Result);
        }
    }

    /// <inheritdoc/>
    public Task<PendingConfirmation?> GetConfirmationAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_state.Confirmation);
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<PendingConfirmation>> ConfirmAsync(string? id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_state.Confirm(id).Result);
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyList<string>>> RevertAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_state.Revert(id).Result);
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<string?>> GetMetadataAsync(string key, string metadataName, CancellationToken cancellationToken)
    {
        var target = MetadataRequest.ValidateTarget(key, metadataName);
        if (!target.Succeeded)
        {
            return Task.FromResult<DatastoreResult<string?>>(target.Error);
        }

        lock (_gate)
        {
            return Task.FromResult<DatastoreResult<string?>>(_state.Metadata.TryGetValue(target.Value, out var names) ? names.GetValueOrDefault(metadataName) : null);
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreError?> SetMetadataAsync(string key, string metadataName, string jsonValue, CancellationToken cancellationToken)
    {
        var request = MetadataRequest.Validate(key, metadataName, jsonValue);
        if (request.Succeeded)
        {
            lock (_gate)
            {
                _state.SetMetadata(request.Value.Key, metadataName, request.Value.Value);
            }
        }

        return Task.FromResult(request.Error);
    }

    private DatastoreResult<IReadOnlyDictionary<string, string>> Read(string? transaction, string? prefix, Func<DatastoreState, string, IEnumerable<KeyValuePair<string, string>>> select)
    {
        var error = DatastoreReads.Check(transaction, prefix, out var parsed);
        if (error is not null)
        {
            return error;
        }

        lock (_gate)
        {
            return SettingsMap.Select(select(_state, transaction ?? ""), parsed);
        }
    }
}
