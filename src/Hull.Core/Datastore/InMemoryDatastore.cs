namespace Hull.Datastore;

/// <summary>
/// The datastore held in memory: the twin of <see cref="FileDatastore"/> for tests of the components
/// that use it. Same rules, same results; nothing survives the process.
/// </summary>
internal sealed class InMemoryDatastore : IDatastore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, string> _live = SettingsMap.Create();
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Name), string> _metadata = [];

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetLiveAsync(string? prefix, CancellationToken cancellationToken)
    {
        var parsed = SettingsMap.ParsePrefix(prefix);
        if (!parsed.Succeeded)
        {
            return Refused<IReadOnlyDictionary<string, string>>(parsed.Error);
        }

        lock (_gate)
        {
            return Done<IReadOnlyDictionary<string, string>>(SettingsMap.Select(_live, parsed.Value));
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetPendingAsync(string transaction, string? prefix, CancellationToken cancellationToken)
    {
        var parsed = SettingsMap.ParsePrefix(prefix);
        var error = TransactionName.Validate(transaction) ?? parsed.Error;
        if (error is not null)
        {
            return Refused<IReadOnlyDictionary<string, string>>(error);
        }

        lock (_gate)
        {
            return Done<IReadOnlyDictionary<string, string>>(SettingsMap.Select(PendingOf(transaction), parsed.Value));
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> GetEffectiveAsync(string transaction, string? prefix, CancellationToken cancellationToken)
    {
        var parsed = SettingsMap.ParsePrefix(prefix);
        var error = TransactionName.Validate(transaction) ?? parsed.Error;
        if (error is not null)
        {
            return Refused<IReadOnlyDictionary<string, string>>(error);
        }

        lock (_gate)
        {
            var effective = new SortedDictionary<string, string>(_live, StringComparer.Ordinal);
            SettingsMap.Apply(effective, PendingOf(transaction));
            return Done<IReadOnlyDictionary<string, string>>(SettingsMap.Select(effective, parsed.Value));
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreError?> SetPendingAsync(string transaction, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var canonical = SettingsMap.Validate(values);
        var error = TransactionName.Validate(transaction) ?? canonical.Error;
        if (error is not null)
        {
            return Task.FromResult<DatastoreError?>(error);
        }

        lock (_gate)
        {
            if (!_pending.TryGetValue(transaction, out var pending))
            {
                pending = SettingsMap.Create();
                _pending[transaction] = pending;
            }

            SettingsMap.Apply(pending, canonical.Value);
        }

        return Task.FromResult<DatastoreError?>(null);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListTransactionsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _pending.Keys]);
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyDictionary<string, string>>> DeleteTransactionAsync(string transaction, CancellationToken cancellationToken)
    {
        var error = TransactionName.Validate(transaction);
        if (error is not null)
        {
            return Refused<IReadOnlyDictionary<string, string>>(error);
        }

        lock (_gate)
        {
            var discarded = _pending.Remove(transaction, out var pending) ? pending : SettingsMap.Create();
            return Done<IReadOnlyDictionary<string, string>>(discarded);
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<IReadOnlyList<string>>> CommitAsync(string transaction, CancellationToken cancellationToken)
    {
        var error = TransactionName.Validate(transaction);
        if (error is not null)
        {
            return Refused<IReadOnlyList<string>>(error);
        }

        lock (_gate)
        {
            var changed = _pending.Remove(transaction, out var pending) ? SettingsMap.Apply(_live, pending) : [];
            return Done<IReadOnlyList<string>>(changed);
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreResult<string?>> GetMetadataAsync(string key, string metadataName, CancellationToken cancellationToken)
    {
        var target = MetadataRequest.ValidateTarget(key, metadataName);
        if (!target.Succeeded)
        {
            return Refused<string?>(target.Error);
        }

        lock (_gate)
        {
            return Done(_metadata.GetValueOrDefault((target.Value, metadataName)));
        }
    }

    /// <inheritdoc/>
    public Task<DatastoreError?> SetMetadataAsync(string key, string metadataName, string jsonValue, CancellationToken cancellationToken)
    {
        var request = MetadataRequest.Validate(key, metadataName, jsonValue);
        if (!request.Succeeded)
        {
            return Task.FromResult<DatastoreError?>(request.Error);
        }

        lock (_gate)
        {
            _metadata[(request.Value.Key, metadataName)] = request.Value.Value;
        }

        return Task.FromResult<DatastoreError?>(null);
    }

    private SortedDictionary<string, string> PendingOf(string transaction) =>
        _pending.TryGetValue(transaction, out var pending) ? pending : SettingsMap.Create();

    private static Task<DatastoreResult<T>> Done<T>(T value) => Task.FromResult(DatastoreResult<T>.Success(value));

    private static Task<DatastoreResult<T>> Refused<T>(DatastoreError error) => Task.FromResult(DatastoreResult<T>.Failure(error));
}
