namespace Hull.Datastore;

/// <summary>
/// The datastore on disk, in one directory on the STATE partition. The state lives in memory, loaded at
/// open from snapshot files plus the journal of writes since; reads answer from the last state made
/// durable. Writes queue for a group commit: one writer at a time takes every queued write, applies each
/// to the state in order (so each is checked against the state it really applies to), appends their
/// records to the journal with one fsync, then publishes the state and answers them all. Snapshots are
/// rewritten and the journal emptied at a checkpoint. The directory must have one <see cref="FileDatastore"/>
/// at a time. README.md gives the layout and why every write survives a power cut.
/// </summary>
internal sealed partial class FileDatastore : IDatastore, IAsyncDisposable
{
    /// <summary>The on-disk format this code writes (2: snapshots and a journal); 1 (snapshots only) is read and upgraded.</summary>
    public const int FormatVersion = 2;

    /// <summary>The journal size that triggers a checkpoint after a batch.</summary>
    public const long DefaultCheckpointBytes = 256 * 1024;

    private readonly IDatastoreFileSystem _files;
    private readonly long _checkpointBytes;

    // The last durable state; replaced whole after each batch, never changed once published.
    private volatile DatastoreState _state = new();

    private FileDatastore(IDatastoreFileSystem files, long checkpointBytes)
    {
        _files = files;
        _checkpointBytes = checkpointBytes;
    }

    /// <summary>Waits for queued writes, then checkpoints, so the snapshot files show everything (unless a write failed: then the journal is left for the next open).</summary>
    public async ValueTask DisposeAsync()
    {
        if (await StopWriterAsync().ConfigureAwait(false) && _broken is null && _journalLength > 0)
        {
            await CheckpointAsync(_state).ConfigureAwait(false);
        }
    }

    /// <summary>The full path of the directory's file <paramref name="name"/>.</summary>
    internal string PathOf(string name) => _files.PathOf(name);

    // Write a temp file beside the target and fsync it, then rename it over the target (atomic: a crash leaves
    // the old file or the new one, never a mix). The caller fsyncs the directory, once for all its renames.
    private async Task WriteSnapshotAsync(string name, byte[] contents)
    {
        var temp = DatastoreFiles.Temp(name);
        await _files.WriteAndSyncAsync(temp, contents, CancellationToken.None).ConfigureAwait(false);
        _files.Rename(temp, name);
    }
}
