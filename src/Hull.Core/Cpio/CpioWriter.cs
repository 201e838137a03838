using System.Text;

namespace Hull.Cpio;

/// <summary>
/// Writes a cpio "newc" archive, the format the kernel unpacks as an initramfs. Output is
/// deterministic: inode numbers count up from 1, uid and gid are 0, every entry has the same
/// mtime. The stream need not be seekable, so it can be a <see cref="System.IO.Compression.GZipStream"/>.
/// </summary>
/// <remarks>
/// The kernel does not create missing parent directories
/// (https://docs.kernel.org/driver-api/early-userspace/buffer-format.html): add a directory before
/// anything inside it. Names are stored without a leading slash, as gen_init_cpio does.
/// </remarks>
public sealed class CpioWriter : IDisposable
{
    private const string TrailerName = "TRAILER!!!";
    private const UnixFileMode DefaultDirectoryMode = (UnixFileMode)0b111_101_101;  // 0755
    private const UnixFileMode DefaultFileMode = (UnixFileMode)0b110_100_100;       // 0644
    private const UnixFileMode DefaultDeviceMode = (UnixFileMode)0b110_000_000;     // 0600
    private const UnixFileMode SymlinkMode = (UnixFileMode)0b111_111_111;           // 0777, as lstat reports it
    private const int CopyBufferSize = 1 << 16;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly uint _modifiedTime;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly byte[] _header = new byte[NewcHeader.Size];
    private uint _nextInode = 1;
    private long _position;
    private bool _finished;
    private bool _disposed;

    /// <summary>Starts an archive on <paramref name="output"/>; every entry gets <paramref name="modifiedTime"/> (seconds since the epoch).</summary>
    public CpioWriter(Stream output, uint modifiedTime = 0, bool leaveOpen = false)
    {
        _output = output;
        _modifiedTime = modifiedTime;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Adds a directory.</summary>
    public void AddDirectory(string path, UnixFileMode mode = DefaultDirectoryMode)
        => AddEntry(path, UnixFileType.Directory, mode, linkCount: 2, ReadOnlySpan<byte>.Empty);

    /// <summary>Adds a regular file with the given content.</summary>
    public void AddFile(string path, ReadOnlySpan<byte> content, UnixFileMode mode = DefaultFileMode)
        => AddEntry(path, UnixFileType.RegularFile, mode, linkCount: 1, content);

    /// <summary>Adds a regular file whose content is streamed from <paramref name="sourcePath"/>.</summary>
    public void AddFileFromPath(string path, string sourcePath, UnixFileMode mode = DefaultFileMode)
    {
        using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        AddFile(path, source, source.Length, mode);
    }

    /// <summary>Adds a regular file of <paramref name="length"/> bytes read from <paramref name="content"/>.</summary>
    public void AddFile(string path, Stream content, long length, UnixFileMode mode = DefaultFileMode)
    {
        var name = BeginEntry(path);
        WriteHeader(name, UnixFileType.RegularFile, mode, linkCount: 1, CheckedSize(length, path), rdevMajor: 0, rdevMinor: 0);

        var buffer = new byte[(int)Math.Min(CopyBufferSize, Math.Max(length, 1))];
        for (var remaining = length; remaining > 0;)
        {
            var chunk = (int)Math.Min(buffer.Length, remaining);
            content.ReadExactly(buffer, 0, chunk);
            Write(buffer.AsSpan(0, chunk));
            remaining -= chunk;
        }

        Pad();
    }

    /// <summary>Adds a symbolic link; the target is stored as the entry's data, without a NUL.</summary>
    public void AddSymlink(string path, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        AddEntry(path, UnixFileType.SymbolicLink, SymlinkMode, linkCount: 1, Encoding.UTF8.GetBytes(target));
    }

    /// <summary>Adds a character device node, e.g. <c>dev/console</c> (5, 1), which the kernel needs before init runs.</summary>
    public void AddCharacterDevice(string path, uint major, uint minor, UnixFileMode mode = DefaultDeviceMode)
    {
        var name = BeginEntry(path);
        WriteHeader(name, UnixFileType.CharacterDevice, mode, linkCount: 1, fileSize: 0, major, minor);
    }

    /// <summary>Writes the TRAILER!!! entry that ends the archive. Further entries are refused.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        // The trailer is an empty entry with inode 0; GNU cpio and gen_init_cpio give it one link.
        WriteHeader(Encoding.ASCII.GetBytes(TrailerName), 0, 0, linkCount: 1, fileSize: 0, rdevMajor: 0, rdevMinor: 0, inode: 0);
        _output.Flush();
        _finished = true;
    }

    /// <summary>Finishes the archive and, unless asked to leave it open, disposes the stream.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Finish();
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    private void AddEntry(string path, uint type, UnixFileMode mode, uint linkCount, ReadOnlySpan<byte> data)
    {
        var name = BeginEntry(path);
        WriteHeader(name, type, mode, linkCount, CheckedSize(data.Length, path), rdevMajor: 0, rdevMinor: 0);
        Write(data);
        Pad();
    }

    private byte[] BeginEntry(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            throw new InvalidOperationException($"cannot add '{path}': the archive is already finished");
        }

        var name = CpioPath.Normalize(path);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"'{name}' is already in the archive", nameof(path));
        }

        return Encoding.UTF8.GetBytes(name);
    }

    private void WriteHeader(byte[] name, uint type, UnixFileMode mode, uint linkCount, uint fileSize, uint rdevMajor, uint rdevMinor, uint? inode = null)
    {
        var header = new NewcHeader(
            Inode: inode ?? _nextInode++,
            Mode: type | ((uint)mode & 0xFFF),
            LinkCount: linkCount,
            ModifiedTime: _modifiedTime,
            FileSize: fileSize,
            DeviceMajor: rdevMajor,
            DeviceMinor: rdevMinor,
            NameSize: (uint)name.Length + 1);
        header.Write(_header);
        Write(_header);
        Write(name);
        Write([0]);
        Pad();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }

    /// <summary>Zero-fills to the next multiple of 4, after the name and after the data.</summary>
    private void Pad()
    {
        var padding = (int)((4 - (_position & 3)) & 3);
        if (padding > 0)
        {
            Write(stackalloc byte[padding]);
        }
    }

    private static uint CheckedSize(long length, string path)
    {
        // The size field is 8 hex digits.
        if (length is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"'{path}' is {length} bytes; newc holds at most {uint.MaxValue}");
        }

        return (uint)length;
    }
}
