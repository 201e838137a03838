using System.Globalization;
using System.Text;

namespace Hull.Datastore;

internal sealed partial class FileDatastore
{
    /// <summary>
    /// Opens the datastore in <paramref name="directory"/>, creating and initialising it when it is new or
    /// empty. Throws <see cref="DatastoreException"/> when a file is torn or foreign or the format is newer.
    /// </summary>
    public static Task<FileDatastore> OpenAsync(string directory, CancellationToken cancellationToken) =>
        OpenAsync(new DirectoryFileSystem(directory), cancellationToken);

    /// <summary>Opens the datastore reached through <paramref name="files"/> (tests inject faults here).</summary>
    internal static async Task<FileDatastore> OpenAsync(IDatastoreFileSystem files, CancellationToken cancellationToken)
    {
        files.CreateDirectory();
        var names = RemoveLeftoverTemps(files);

        var store = new FileDatastore(files);
        var version = await files.ReadAsync(DatastoreFiles.FormatVersion, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            if (names.Count > 0)
            {
                throw Refuse(DatastoreErrorKind.Corrupt, files.PathOf(DatastoreFiles.FormatVersion),
                    $"datastore file {files.PathOf(DatastoreFiles.FormatVersion)} is missing but the directory holds {string.Join(", ", names)}");
            }

            var text = FormatVersion.ToString(CultureInfo.InvariantCulture) + "\n";
            await store.ReplaceAsync(DatastoreFiles.FormatVersion, Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
            return store;
        }

        CheckVersion(version, files.PathOf(DatastoreFiles.FormatVersion));

        // Read every file once now, so a torn or foreign file stops the boot here, naming it, instead of
        // failing some later request.
        foreach (var name in names)
        {
            if (name == DatastoreFiles.Live)
            {
                await store.ReadSettingsAsync(name, cancellationToken).ConfigureAwait(false);
            }
            else if (name == DatastoreFiles.Metadata)
            {
                await store.ReadMetadataAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (DatastoreFiles.TryParsePending(name, out var transaction))
            {
                await store.ReadPendingAsync(transaction, cancellationToken).ConfigureAwait(false);
            }
            else if (name != DatastoreFiles.FormatVersion)
            {
                throw Refuse(DatastoreErrorKind.Corrupt, files.PathOf(name), $"datastore directory holds a file it did not write: {files.PathOf(name)}");
            }
        }

        return store;
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

    private static void CheckVersion(byte[] contents, string path)
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
    }

    private static DatastoreException Refuse(DatastoreErrorKind kind, string path, string message) => new(new DatastoreError(kind, path, message));
}
