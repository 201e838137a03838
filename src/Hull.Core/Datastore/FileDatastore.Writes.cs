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

        return await WithWriteLockAsync<DatastoreError?>(async () =>
        {
            var pending = await ReadPendingAsync(transaction, cancellationToken).ConfigureAwait(false) ?? SettingsMap.Create();
            SettingsMap.Apply(pending, canonical.Value);
            await ReplaceAsync(DatastoreFiles.Pending(transaction), SettingsFile.Write(pending), cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<DatastoreResult<IReadOnlyDictionary<string, string>>> DeleteTransactionAsync(string transaction, CancellationToken cancellationToken)
    {
        var error = TransactionName.Validate(transaction);
        if (error is not null)
        {
            return error;
        }

        return await WithWriteLockAsync<DatastoreResult<IReadOnlyDictionary<string, string>>>(async () =>
        {
            var pending = await ReadPendingAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (pending is null)
            {
                return SettingsMap.Create();
            }

            RemovePending(transaction);
            return pending;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<DatastoreResult<IReadOnlyList<string>>> CommitAsync(string transaction, CancellationToken cancellationToken)
    {
        var error = TransactionName.Validate(transaction);
        if (error is not null)
        {
            return error;
        }

        return await WithWriteLockAsync<DatastoreResult<IReadOnlyList<string>>>(async () =>
        {
            var pending = await ReadPendingAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (pending is null)
            {
                return Array.Empty<string>();
            }

            var live = await ReadSettingsAsync(DatastoreFiles.Live, cancellationToken).ConfigureAwait(false);
            var changed = SettingsMap.Apply(live, pending);

            // The rename of the live file is the commit point. A crash after it leaves the pending file
            // behind with values that are already live; committing it again changes nothing, writes
            // nothing, and removes it. Nothing to write either when every value was already live.
            if (changed.Count > 0)
            {
                await ReplaceAsync(DatastoreFiles.Live, SettingsFile.Write(live), cancellationToken).ConfigureAwait(false);
            }

            RemovePending(transaction);
            return changed;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<DatastoreError?> SetMetadataAsync(string key, string metadataName, string jsonValue, CancellationToken cancellationToken)
    {
        var request = MetadataRequest.Validate(key, metadataName, jsonValue);
        if (!request.Succeeded)
        {
            return request.Error;
        }

        return await WithWriteLockAsync<DatastoreError?>(async () =>
        {
            var metadata = await ReadMetadataAsync(cancellationToken).ConfigureAwait(false);
            if (!metadata.TryGetValue(request.Value.Key, out var names))
            {
                names = new SortedDictionary<string, string>(StringComparer.Ordinal);
                metadata[request.Value.Key] = names;
            }

            names[metadataName] = request.Value.Value;
            await ReplaceAsync(DatastoreFiles.Metadata, MetadataFile.Write(metadata), cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken).ConfigureAwait(false);
    }

    private void RemovePending(string transaction)
    {
        _files.Delete(DatastoreFiles.Pending(transaction));
        _files.SyncDirectory();
    }
}
