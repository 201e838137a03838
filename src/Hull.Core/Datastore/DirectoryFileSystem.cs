using Hull.Interop;

namespace Hull.Datastore;

/// <summary>The real <see cref="IDatastoreFileSystem"/>: files in one directory, owner-only, since settings can hold credentials.</summary>
internal sealed class DirectoryFileSystem(string directory) : IDatastoreFileSystem
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    private readonly string _directory = Path.GetFullPath(directory);

    /// <inheritdoc/>
    public string PathOf(string name) => Path.Combine(_directory, name);

    /// <inheritdoc/>
    public void CreateDirectory()
    {
        if (Directory.Exists(_directory))
        {
            return;
        }

        Directory.CreateDirectory(_directory, OwnerOnlyDirectory);

        // The new directory's own entry lives in its parent: without this a power cut could take the
        // directory, and every file later committed inside it, away.
        Libc.SyncDirectory(Path.GetDirectoryName(_directory)!);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> List() =>
        [.. Directory.EnumerateFiles(_directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <inheritdoc/>
    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(name), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task WriteAndSyncAsync(string name, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = OwnerOnly,
        };
        var stream = new FileStream(PathOf(name), options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(contents, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <inheritdoc/>
    public async Task AppendAndSyncAsync(string name, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var created = !File.Exists(PathOf(name));
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = OwnerOnly,
        };
        var stream = new FileStream(PathOf(name), options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(contents, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        // A new file's name lives in the directory: without this a power cut could lose the file and every record in it.
        if (created)
        {
            SyncDirectory();
        }
    }

    /// <inheritdoc/>
    public void Truncate(string name)
    {
        if (!File.Exists(PathOf(name)))
        {
            return;
        }

        using var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Write, FileShare.None);
        stream.SetLength(0);
        stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc/>
    public void Rename(string from, string to) => File.Move(PathOf(from), PathOf(to), overwrite: true);

    /// <inheritdoc/>
    public void SyncDirectory() => Libc.SyncDirectory(_directory);

    /// <inheritdoc/>
    public void Delete(string name) => File.Delete(PathOf(name));
}
