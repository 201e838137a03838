namespace Hull.Datastore;

internal sealed partial class FileDatastore
{
    /// <inheritdoc/>
    public async Task<DatastoreError?> SetPendingAsync(string transaction, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var canonical = SettingsMap.Validate(values);
        var error = TransactionName.Validate(transaction) ?? canonical.Error;
        if (error is not null)
        {
            return error;
        }

        return await WriteAsync<DatastoreError?>(state => (null, state.SetPending(transaction, canonical.Value))).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<DatastoreError?> RemovePendingAsync(string transaction, IReadOnlyList<string> keys, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var canonicalKeys = SettingsMap.ValidateKeys(keys);
        var canonicalValues = SettingsMap.Validate(values);
        var error = TransactionName.Validate(transaction) ?? canonicalKeys.Error ?? canonicalValues.Error;
        if (error is not null)
        {
            return error;
        }

        return await WriteAsync(state => state.RemovePending(transaction, canonicalKeys.Value, canonicalValues.Value)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<DatastoreResult<PendingTransaction>> DeleteTransactionAsync(string transaction, CancellationToken cancellationToken)
    {
        if (TransactionName.Validate(transaction) is { } error)
        {
            return error;
        }

        return await WriteAsync(state => state.DeleteTransaction(transaction)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<DatastoreResult<IReadOnlyList<string>>> CommitAsync(string transaction, CancellationToken cancellationToken)
    {
        var result = await CommitAsync(transaction, CommitOptions.None, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? DatastoreResult<IReadOnlyList<string>>.Success(result.Value.Changed) : result.Error;
    }

    /// <inheritdoc/>
    public async Task<DatastoreResult<CommitResult>> CommitAsync(string transaction, CommitOptions options, CancellationToken cancellationToken)
    {
        if (TransactionName.Validate(transaction) is { } error)
        {
            return error;
        }

        return await WriteAsync(state => state.Commit(transaction, options)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<PendingConfirmation>> ConfirmAsync(string? id, CancellationToken cancellationToken) =>
        WriteAsync(state => state.Confirm(id));

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyList<string>>> RevertAsync(string id, CancellationToken cancellationToken) =>
        WriteAsync(state => state.Revert(id));

    /// <inheritdoc/>
    public async Task<DatastoreError?> SetMetadataAsync(string key, string metadataName, string jsonValue, CancellationToken cancellationToken)
    {
        var request = MetadataRequest.Validate(key, metadataName, jsonValue);
        if (!request.Succeeded)
        {
            return request.Error;
        }

        return await WriteAsync<DatastoreError?>(state => (null, state.SetMetadata(request.Value.Key, metadataName, request.Value.Value))).ConfigureAwait(false);
    }
}
