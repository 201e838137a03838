namespace Hull.Datastore;

internal sealed partial class FileDatastore
{
    /// <inheritdoc/>
    public async Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetLiveAsync(string? prefix, CancellationToken cancellationToken)
    {
        var parsed = SettingsMap.ParsePrefix(prefix);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        var live = await ReadSettingsAsync(DatastoreFiles.Live, cancellationToken).ConfigureAwait(false);
        return SettingsMap.Select(live, parsed.Value);
    }

    /// <inheritdoc/>
    public async Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetPendingAsync(string transaction, string? prefix, CancellationToken cancellationToken)
    {
        var parsed = SettingsMap.ParsePrefix(prefix);
        var error = TransactionName.Validate(transaction) ?? parsed.Error;
        if (error is not null)
        {
            return error;
        }

        var pending = await ReadPendingAsync(transaction, cancellationToken).ConfigureAwait(false);
        return SettingsMap.Select(pending ?? SettingsMap.Create(), parsed.Value);
    }

    /// <inheritdoc/>
    public async Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetEffectiveAsync(string transaction, string? prefix, CancellationToken cancellationToken)
    {
        var parsed = SettingsMap.ParsePrefix(prefix);
        var error = TransactionName.Validate(transaction) ?? parsed.Error;
        if (error is not null)
        {
            return error;
        }

        // Live first, then pending: a commit between the two reads leaves a newer live and the same or
        // no pending values, which overlay to what the commit produced. Never a mix of old and new.
        var effective = await ReadSettingsAsync(DatastoreFiles.Live, cancellationToken).ConfigureAwait(false);
        var pending = await ReadPendingAsync(transaction, cancellationToken).ConfigureAwait(false);
        SettingsMap.Apply(effective, pending ?? SettingsMap.Create());
        return SettingsMap.Select(effective, parsed.Value);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListTransactionsAsync(CancellationToken cancellationToken)
    {
        var transactions = new List<string>();
        foreach (var name in _files.List())
        {
            if (DatastoreFiles.TryParsePending(name, out var transaction))
            {
                transactions.Add(transaction);
            }
        }

        transactions.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(transactions);
    }

    /// <inheritdoc/>
    public async Task<DatastoreResult<string?>> GetMetadataAsync(string key, string metadataName, CancellationToken cancellationToken)
    {
        var target = MetadataRequest.ValidateTarget(key, metadataName);
        if (!target.Succeeded)
        {
            return target.Error;
        }

        var metadata = await ReadMetadataAsync(cancellationToken).ConfigureAwait(false);
        return metadata.TryGetValue(target.Value, out var names) ? names.GetValueOrDefault(metadataName) : null;
    }
}
