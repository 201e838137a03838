namespace Hull.Datastore;

/// <summary>
/// The file operations <see cref="FileDatastore"/> is built from, on one directory. Every write goes
/// through these few steps so tests can cut the power (throw) before any one of them and check the
/// directory still opens to the old or the new state.
/// </summary>
internal interface IDatastoreFileSystem
{
    /// <summary>The full path of <paramref name="name"/>, for messages.</summary>
    public string PathOf(string name);

    /// <summary>Creates the directory if it is missing, and makes its creation durable.</summary>
    public void CreateDirectory();

    /// <summary>The names of the files in the directory, sorted.</summary>
    public IReadOnlyList<string> List();

    /// <summary>The contents of <paramref name="name"/>, or null when it does not exist.</summary>
    public Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates or truncates <paramref name="name"/>, writes <paramref name="contents"/> and fsyncs the file.</summary>
    public Task WriteAndSyncAsync(string name, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken);

    /// <summary>Appends <paramref name="contents"/> to <paramref name="name"/> in one write and fsyncs it; when this creates the file, fsyncs the directory too.</summary>
    public Task AppendAndSyncAsync(string name, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken);

    /// <summary>Truncates <paramref name="name"/> to nothing and fsyncs it; a missing file is fine.</summary>
    public void Truncate(string name);

    /// <summary>rename(2): atomically replaces <paramref name="to"/> with <paramref name="from"/>.</summary>
    public void Rename(string from, string to);

    /// <summary>fsync(2) on the directory, making earlier renames and deletions durable.</summary>
    public void SyncDirectory();

    /// <summary>Removes <paramref name="name"/>; a missing file is fine.</summary>
    public void Delete(string name);
}
