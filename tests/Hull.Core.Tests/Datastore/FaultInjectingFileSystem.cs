using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>
/// Wraps the real file system and, once armed, crashes at step N: every operation is a step, and
/// step N throws instead of running. A write or append that crashes leaves half its bytes in the file,
/// unsynced, the way a power cut mid-write would.
/// </summary>
internal sealed class FaultInjectingFileSystem(IDatastoreFileSystem inner) : IDatastoreFileSystem
{
    private int _failAt = int.MaxValue;

    /// <summary>Steps taken since the last <see cref="Arm"/>.</summary>
    public int Steps { get; private set; }

    /// <summary>Restarts the step count; step <paramref name="failAt"/> (0-based) will crash.</summary>
    public void Arm(int failAt)
    {
        Steps = 0;
        _failAt = failAt;
    }

    public string PathOf(string name) => inner.PathOf(name);

    public void CreateDirectory()
    {
        Step();
        inner.CreateDirectory();
    }

    public IReadOnlyList<string> List()
    {
        Step();
        return inner.List();
    }

    public Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        Step();
        return inner.ReadAsync(name, cancellationToken);
    }

    public async Task WriteAndSyncAsync(string name, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        if (Steps == _failAt)
        {
            await File.WriteAllBytesAsync(inner.PathOf(name), contents[..(contents.Length / 2)].ToArray(), cancellationToken);
        }

        Step();
        await inner.WriteAndSyncAsync(name, contents, cancellationToken);
    }

    public async Task AppendAndSyncAsync(string name, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        if (Steps == _failAt)
        {
            await using var torn = new FileStream(inner.PathOf(name), FileMode.Append, FileAccess.Write);
            await torn.WriteAsync(contents[..(contents.Length / 2)], cancellationToken);
        }

        Step();
        await inner.AppendAndSyncAsync(name, contents, cancellationToken);
    }

    public void Truncate(string name)
    {
        Step();
        inner.Truncate(name);
    }

    public void Rename(string from, string to)
    {
        Step();
        inner.Rename(from, to);
    }

    public void SyncDirectory()
    {
        Step();
        inner.SyncDirectory();
    }

    public void Delete(string name)
    {
        Step();
        inner.Delete(name);
    }

    private void Step()
    {
        var step = Steps++;
        if (step == _failAt)
        {
            throw new InjectedFaultException(step);
        }
    }
}
