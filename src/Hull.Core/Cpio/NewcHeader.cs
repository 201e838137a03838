using System.Buffers.Text;

namespace Hull.Cpio;

/// <summary>
/// One "newc" (SVR4, no CRC) header. On disk: the magic "070701" then thirteen 8-digit hex
/// fields, 110 bytes in all, then the NUL-terminated name, padded so header plus name is a
/// multiple of 4; then the data, padded to a multiple of 4. See
/// https://docs.kernel.org/driver-api/early-userspace/buffer-format.html and cpio(5).
/// </summary>
internal readonly record struct NewcHeader(
    uint Inode,
    uint Mode,
    uint LinkCount,
    uint ModifiedTime,
    uint FileSize,
    uint DeviceMajor,
    uint DeviceMinor,
    uint NameSize)
{
    public const int Size = 110;

    private static ReadOnlySpan<byte> Magic => "070701"u8;

    /// <summary>Writes the 110 header bytes. uid, gid, the containing device and the checksum are always 0.</summary>
    public void Write(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        var fields = destination[Magic.Length..Size];
        ReadOnlySpan<uint> values =
        [
            Inode, Mode, 0 /* uid */, 0 /* gid */, LinkCount, ModifiedTime, FileSize,
            0 /* devmajor */, 0 /* devminor */, DeviceMajor, DeviceMinor, NameSize, 0 /* check */,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            Utf8Formatter.TryFormat(values[i], fields.Slice(i * 8, 8), out _, new System.Buffers.StandardFormat('X', 8));
        }
    }
}
