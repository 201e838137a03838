using System.Security.Cryptography;

namespace Hull.Tuf;

/// <summary>
/// A target's bytes as they arrive (spec 5.7.3, checked while streaming): never more than the listed length is read
/// from the transport, and every known hash is computed on the way. The end of the stream is where the verdict
/// falls: a short file or a hash that differs makes that last read throw <see cref="TufTargetException"/>, so a
/// consumer that reads to the end has used only verified bytes once it sees the end. <see cref="Verified"/> says
/// so; anything a consumer did with the bytes before counts for nothing until then.
/// </summary>
public sealed class TufTargetStream : ReadOnlyStream
{
    private readonly Stream _source;
    private readonly TufTargetFile _target;
    private readonly string _targetPath;
    private readonly string _remotePath;
    private readonly string _targetsFile;
    private readonly List<(string Name, string Listed, IncrementalHash Hash)> _hashes;
    private long _total;
    private bool _ended;

    internal TufTargetStream(Stream source, TufTargetFile target, string targetPath, string remotePath, string targetsFile)
    {
        _source = source;
        _target = target;
        _targetPath = targetPath;
        _remotePath = remotePath;
        _targetsFile = targetsFile;
        _hashes = [.. target.Hashes
            .Select(h => (h.Key, Listed: h.Value, Algorithm: TufHashes.Algorithm(h.Key)))
            .Where(h => h.Algorithm is not null)
            .Select(h => (h.Key, h.Listed, IncrementalHash.CreateHash(h.Algorithm!.Value)))];
    }

    /// <summary>The trusted targets.json entry the bytes are checked against.</summary>
    public TufTargetFile Target => _target;

    /// <summary>How many bytes were read so far.</summary>
    public long BytesRead => _total;

    /// <summary>True once the whole target was read and its length and every known hash matched.</summary>
    public bool Verified { get; private set; }

    /// <summary>The refusal, once one happened; every later read throws it again.</summary>
    public TufError? Error { get; private set; }

    /// <inheritdoc/>
    public override long Length => _target.Length;

    /// <inheritdoc/>
    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    /// <summary>Reads what is left, if anything, and returns the verdict: null once verified, else the refusal.</summary>
    public async Task<TufError?> CompleteAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (TufTargetException e)
        {
            return e.Error;
        }

        return null;
    }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfRefused();
        if (_ended || buffer.Length == 0)
        {
            return 0;
        }

        // One byte past the listed length is enough to know the file is too long (endless data).
        var remaining = _target.Length - _total;
        var wanted = (int)Math.Min(buffer.Length, remaining + 1);
        int read;
        try
        {
            read = await _source.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or UnauthorizedAccessException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Refuse(TufErrorKind.DownloadFailed, $"reading {_remotePath} failed: {e.Message}");
        }

        if (read == 0)
        {
            _ended = true;
            Finish();
            return 0;
        }

        _total += read;
        if (_total > _target.Length)
        {
            throw Refuse(TufErrorKind.TooLarge, $"{_remotePath} has more than the {_target.Length} bytes {_targetsFile} lists (endless data?)");
        }

        foreach (var (_, _, hash) in _hashes)
        {
            hash.AppendData(buffer.Span[..read]);
        }

        return read;
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
            foreach (var (_, _, hash) in _hashes)
            {
                hash.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Finish()
    {
        if (_total < _target.Length)
        {
            throw Refuse(TufErrorKind.LengthMismatch, $"{_remotePath} has {_total} bytes, but {_targetsFile} lists {_target.Length}");
        }

        foreach (var (name, listed, hash) in _hashes)
        {
            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!TufMetaCheck.HexEquals(actual, listed))
            {
                throw Refuse(TufErrorKind.HashMismatch, $"{_remotePath} has {name} {actual}, but {_targetsFile} lists {listed}");
            }
        }

        Verified = true;
    }

    private void ThrowIfRefused()
    {
        if (Error is not null)
        {
            throw new TufTargetException(Error);
        }
    }

    private TufTargetException Refuse(TufErrorKind kind, string reason)
    {
        Error = TufError.Of(kind, _targetPath, reason);
        return new TufTargetException(Error);
    }
}
