using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>Passes every operation through, except that while held, a journal append waits for <see cref="Release"/>: writes queued meanwhile form one batch.</summary>
internal sealed class GatedFileSystem(IDatastoreFileSystem inner) : IDatastoreFileSystem
{
    private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _holding;
    private int _appends;

    /// <summary>How many journal appends reached the disk.</summary>
    public int Appends => _appends;

    public void Hold()
    {
        _holding = true;
        _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes once an append is waiting at the gate.</summary>
    public Task HeldAsync() => _held.Task;

    public void Release()
    {
        _holding = false;
        _open.SetResult();
    }

    public string PathOf(string name) => inner.PathOf(name);

    public void CreateDirectory() => inner.CreateDirectory();

    public IReadOnlyList<string> List() => inner.List();

    public Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken) => inner.ReadAsync(name, cancellationToken);

    public Task WriteAndSyncAsync(string name, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken) => inner.WriteAndSyncAsync(name, contents, cancellationToken);

    public async Task AppendAndSyncAsync(string name, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        if (_holding)
        {
            _held.TrySetResult();
            await _open.Task;
        }

        await inner.AppendAndSyncAsync(name, contents, cancellationToken);
        Interlocked.Increment(ref _appends);
    }

    public void Truncate(string name) => inner.Truncate(name);

    public void Rename(string from, string to) => inner.Rename(from, to);

    public void SyncDirectory() => inner.SyncDirectory();

    public void Delete(string name) => inner.Delete(name);
}
