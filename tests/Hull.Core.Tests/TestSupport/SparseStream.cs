namespace Hull.Core.Tests.TestSupport;

/// <summary>
/// An in-memory disk of any size that stores only the sectors written to it and records which
/// ones those were, so tests can check a writer touches nothing but its own sectors.
/// </summary>
internal sealed class SparseStream(long length) : Stream
{
    private const int SectorSize = 512;
    private readonly Dictionary<long, byte[]> _sectors = [];
    private readonly HashSet<long> _written = [];
    private long _position;

    /// <summary>Sector numbers written since creation or the last <see cref="ClearWriteLog"/>.</summary>
    public IReadOnlyCollection<long> WrittenSectors => _written;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    /// <summary>Forgets which sectors were written, keeping their contents.</summary>
    public void ClearWriteLog() => _written.Clear();

    public override int Read(byte[] buffer, int offset, int count)
    {
        count = (int)Math.Min(count, Math.Max(0, length - _position));
        for (var i = 0; i < count; i++, _position++)
        {
            buffer[offset + i] = _sectors.TryGetValue(_position / SectorSize, out var sector) ? sector[_position % SectorSize] : (byte)0;
        }

        return count;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_position + count > length)
        {
            throw new IOException($"Write of {count} bytes at {_position} runs past the end of a {length}-byte disk.");
        }

        for (var i = 0; i < count; i++, _position++)
        {
            var index = _position / SectorSize;
            _written.Add(index);
            if (!_sectors.TryGetValue(index, out var sector))
            {
                sector = new byte[SectorSize];
                _sectors[index] = sector;
            }

            sector[_position % SectorSize] = buffer[offset + i];
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();
}
