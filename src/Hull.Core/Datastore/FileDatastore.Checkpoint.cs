namespace Hull.Datastore;

internal sealed partial class FileDatastore
{
    // Writer-only state: how long the journal is, and which snapshots its records made stale.
    private readonly DirtySnapshots _dirty = new();
    private long _journalLength;

    // Rewrites the stale snapshots from `state` (which holds every record in the journal), makes the renames
    // durable, and only then empties the journal. A crash before the truncate leaves some snapshots old and
    // some new, plus the whole journal: its records are absolute values, so replaying all of them over any
    // such mix gives `state` again.
    private async Task CheckpointAsync(DatastoreState state)
    {
        if (_dirty.Live)
        {
            await WriteSnapshotAsync(DatastoreFiles.Live, SettingsFile.Write(state.Live)).ConfigureAwait(false);
        }

        // A transaction's two files may be left one old and one new by a crash: the journal, still whole, has
        // its record, which sets both.
        foreach (var transaction in _dirty.Pending)
        {
            if (state.Pending.TryGetValue(transaction, out var pending))
            {
                await WriteSnapshotAsync(DatastoreFiles.Pending(transaction), SettingsFile.Write(pending.Values)).ConfigureAwait(false);
                if (pending.Removals.Count > 0)
                {
                    await WriteSnapshotAsync(DatastoreFiles.Removals(transaction), RemovalsFile.Write(pending.Removals)).ConfigureAwait(false);
                }
                else
                {
                    _files.Delete(DatastoreFiles.Removals(transaction));
                }
            }
            else
            {
                _files.Delete(DatastoreFiles.Pending(transaction));
                _files.Delete(DatastoreFiles.Removals(transaction));
            }
        }

        if (_dirty.Metadata)
        {
            await WriteSnapshotAsync(DatastoreFiles.Metadata, MetadataFile.Write(state.Metadata)).ConfigureAwait(false);
        }

        if (_dirty.Confirmation)
        {
            if (state.Confirmation is { } confirmation)
            {
                await WriteSnapshotAsync(DatastoreFiles.Confirmation, ConfirmationFile.Write(confirmation)).ConfigureAwait(false);
            }
            else
            {
                _files.Delete(DatastoreFiles.Confirmation);
            }
        }

        _files.SyncDirectory();
        if (_journalLength > 0)
        {
            _files.Truncate(DatastoreFiles.Journal);
        }

        _journalLength = 0;
        _dirty.Clear();
    }
}
