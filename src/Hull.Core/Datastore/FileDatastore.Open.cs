using System.Globalization;
using System.Text;

namespace Hull.Datastore;

internal sealed partial class FileDatastore
{
    /// <summary>
    /// Opens the datastore in <paramref name="directory"/>, creating and initialising it when it is new or
    /// empty, and recovering what the journal holds. Throws <see cref="DatastoreException"/> when a file is
    /// torn or foreign or the format is newer.
    /// </summary>
    public static Task<FileDatastore> OpenAsync(string directory, CancellationToken cancellationToken) =>
        OpenAsync(new DirectoryFileSystem(directory), cancellationToken);

    /// <summary>Opens the datastore reached through <paramref name="files"/> (tests inject faults here, and checkpoint as often as they like).</summary>
    internal static async Task<FileDatastore> OpenAsync(IDatastoreFileSystem files, CancellationToken cancellationToken, long checkpointBytes = DefaultCheckpointBytes)
    {
        files.CreateDirectory();
        var names = RemoveLeftoverTemps(files);

        var store = new FileDatastore(files, checkpointBytes);
        var version = await files.ReadAsync(DatastoreFiles.FormatVersion, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            if (names.Count > 0)
            {
                throw Refuse(DatastoreErrorKind.Corrupt, files.PathOf(DatastoreFiles.FormatVersion),
                    $"datastore file {files.PathOf(DatastoreFiles.FormatVersion)} is missing but the directory holds {string.Join(", ", names)}");
            }

            await store.WriteFormatVersionAsync().ConfigureAwait(false);
            return store;
        }

        var found = CheckVersion(version, files.PathOf(DatastoreFiles.FormatVersion));

        // Read every file once now, so a torn or foreign file stops the boot here, naming it, instead of
        // failing some later request. The snapshots make one change; the journal's records follow it.
        var snapshot = new DatastoreChange();
        var removals = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        byte[]? journal = null;
        foreach (var name in names)
        {
            var contents = await files.ReadAsync(name, cancellationToken).ConfigureAwait(false) ?? [];
            var path = files.PathOf(name);
            if (name == DatastoreFiles.Live)
            {
                SettingsMap.Apply(snapshot.LiveSet, SettingsFile.Read(contents, path));
            }
            else if (name == DatastoreFiles.Metadata)
            {
                foreach (var (key, metadata) in MetadataFile.Read(contents, path))
                {
                    snapshot.Metadata.AddRange(metadata.Select(m => (key, m.Key, m.Value)));
                }
            }
            else if (name == DatastoreFiles.Confirmation)
            {
                snapshot.SetConfirmation(ConfirmationFile.Read(contents, path));
            }
            else if (name == DatastoreFiles.Journal)
            {
                journal = contents;
            }
            else if (DatastoreFiles.TryParsePending(name, out var transaction))
            {
                snapshot.PendingSet[transaction] = new PendingTransaction(SettingsFile.Read(contents, path), PendingTransaction.NewRemovals());
            }
            else if (DatastoreFiles.TryParseRemovals(name, out var removing))
            {
                removals[removing] = RemovalsFile.Read(contents, path);
            }
            else if (name != DatastoreFiles.FormatVersion)
            {
                throw Refuse(DatastoreErrorKind.Corrupt, path, $"datastore directory holds a file it did not write: {path}");
            }
        }

        // A removals file without its pending file is a checkpoint that a crash cut short while dropping the
        // transaction; the journal's record drops it again.
        foreach (var (transaction, keys) in removals)
        {
            var values = snapshot.PendingSet.TryGetValue(transaction, out var pending) ? pending.Values : SettingsMap.Create();
            snapshot.PendingSet[transaction] = new PendingTransaction(values, keys);
        }

        var state = new DatastoreState();
        state.Apply(snapshot);
        store.Replay(state, journal ?? []);
        store._state = state;

        // Fold what the journal held into the snapshots now, so a torn tail is gone before anything is appended.
        if (store._journalLength > 0)
        {
            await store.CheckpointAsync(state).ConfigureAwait(false);
        }

        if (found < FormatVersion)
        {
            await store.WriteFormatVersionAsync().ConfigureAwait(false);
        }

        return store;
    }

    // Applies the journal's whole records in order. A record that is short or fails its CRC ends the journal:
    // it was being written when the power went, and was never acknowledged. One that passes its CRC but is not
    // a record was written by something else, and stops the open.
    private void Replay(DatastoreState state, byte[] journal)
    {
        foreach (var (offset, payload) in Journal.Read(journal, out _))
        {
            var change = JournalRecord.Read(payload, $"{_files.PathOf(DatastoreFiles.Journal)} (record at byte {offset})");
            state.Apply(change);
            _dirty.Add(change);
        }

        _journalLength = journal.Length;
    }

    private async Task WriteFormatVersionAsync()
    {
        var text = FormatVersion.ToString(CultureInfo.InvariantCulture) + "\n";
        await WriteSnapshotAsync(DatastoreFiles.FormatVersion, Encoding.ASCII.GetBytes(text)).ConfigureAwait(false);
        _files.SyncDirectory();
    }

    // A temp file is a write that never reached its rename: the target still holds the state before it.
    private static List<string> RemoveLeftoverTemps(IDatastoreFileSystem files)
    {
        var names = files.List();
        var kept = new List<string>();
        var removed = false;
        foreach (var name in names)
        {
            if (DatastoreFiles.IsTemp(name))
            {
                files.Delete(name);
                removed = true;
            }
            else
            {
                kept.Add(name);
            }
        }

        if (removed)
        {
            files.SyncDirectory();
        }

        return kept;
    }

    private static int CheckVersion(byte[] contents, string path)
    {
        var text = Encoding.ASCII.GetString(contents).Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw Refuse(DatastoreErrorKind.Corrupt, path, $"datastore file {path} is unreadable: '{text}' is not a format version");
        }

        if (version > FormatVersion)
        {
            throw Refuse(DatastoreErrorKind.UnsupportedFormatVersion, path,
                $"datastore {path} is format version {version}, newer than the {FormatVersion} this Hull knows; refusing to open it rather than lose settings");
        }

        return version;
    }

    private static DatastoreException Refuse(DatastoreErrorKind kind, string path, string message) => new(new DatastoreError(kind, path, message));
}
