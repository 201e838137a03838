namespace Hull.Datastore;

/// <summary>
/// The datastore on disk, in one directory on the STATE partition. Reads go to the files each time (they
/// are small, and replaced only by rename, so a reader sees a whole old or a whole new file). Writers are
/// serialised here; the directory must have one <see cref="FileDatastore"/> at a time. README.md gives the
/// layout and why every write survives a power cut.
/// </summary>
internal sealed partial class FileDatastore : IDatastore, IDisposable
{
    /// <summary>The on-disk format this code reads and writes.</summary>
    public const int FormatVersion = 1;

    private readonly IDatastoreFileSystem _files;

    // One writer at a time: a set and a commit of the same transaction must not interleave their
    // read-modify-write of its file.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private FileDatastore(IDatastoreFileSystem files)
    {
        _files = files;
    }

    /// <inheritdoc/>
    public void Dispose() => _writeLock.Dispose();

    /// <summary>The full path of the directory's file <paramref name="name"/>.</summary>
    internal string PathOf(string name) => _files.PathOf(name);

    private async Task<SortedDictionary<string, string>> ReadSettingsAsync(string name, CancellationToken cancellationToken)
    {
        var contents = await _files.ReadAsync(name, cancellationToken).ConfigureAwait(false);
        return contents is null ? SettingsMap.Create() : SettingsFile.Read(contents, _files.PathOf(name));
    }

    private async Task<SortedDictionary<string, string>?> ReadPendingAsync(string transaction, CancellationToken cancellationToken)
    {
        var name = DatastoreFiles.Pending(transaction);
        var contents = await _files.ReadAsync(name, cancellationToken).ConfigureAwait(false);
        return contents is null ? null : SettingsFile.Read(contents, _files.PathOf(name));
    }

    private async Task<SortedDictionary<string, SortedDictionary<string, string>>> ReadMetadataAsync(CancellationToken cancellationToken)
    {
        var contents = await _files.ReadAsync(DatastoreFiles.Metadata, cancellationToken).ConfigureAwait(false);
        return contents is null
            ? new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal)
            : MetadataFile.Read(contents, _files.PathOf(DatastoreFiles.Metadata));
    }

    // The one way a file is replaced: write a temp file beside it and fsync it, rename it over the
    // target (atomic: a crash leaves the old file or the new one, never a mix), fsync the directory
    // (so the rename itself survives a power cut).
    private async Task ReplaceAsync(string name, byte[] contents, CancellationToken cancellationToken)
    {
        var temp = DatastoreFiles.Temp(name);
        await _files.WriteAndSyncAsync(temp, contents, cancellationToken).ConfigureAwait(false);
        _files.Rename(temp, name);
        _files.SyncDirectory();
    }

    private async Task<T> WithWriteLockAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
