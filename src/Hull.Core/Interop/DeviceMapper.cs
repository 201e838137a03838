using System.Buffers.Binary;
using System.Text;

namespace Hull.Interop;

/// <summary>
/// Creates device-mapper devices through /dev/mapper/control, the way dmsetup does, without
/// libdevmapper. Layouts follow include/uapi/linux/dm-ioctl.h (interface version 4).
/// </summary>
internal static class DeviceMapper
{
    private const int IoctlHeaderSize = 312;   // sizeof(struct dm_ioctl)
    private const int TargetSpecSize = 40;     // sizeof(struct dm_target_spec)
    private const uint ReadOnlyFlag = 1;       // DM_READONLY_FLAG

    // _IOWR(0xfd, nr, struct dm_ioctl): direction 3, size 312, type 0xfd.
    private const ulong IoctlBase = (3UL << 30) | ((ulong)IoctlHeaderSize << 16) | (0xfdUL << 8);
    private const ulong DevCreate = IoctlBase | 3;
    private const ulong DevSuspend = IoctlBase | 6;
    private const ulong TableLoad = IoctlBase | 9;

    /// <summary>Creates a read-only device <paramref name="name"/> with one target and activates it; returns its /dev/dm-N path.</summary>
    public static string CreateReadOnly(string name, ulong sectors, string targetType, string parameters)
    {
        var fd = Libc.Check(Libc.open("/dev/mapper/control", Libc.O_RDWR | Libc.O_CLOEXEC, 0), "open", "/dev/mapper/control");
        try
        {
            var created = Call(fd, DevCreate, Header(name, IoctlHeaderSize, 0, 0), $"DM_DEV_CREATE {name}");
            var dev = BinaryPrimitives.ReadUInt64LittleEndian(created.AsSpan(40));

            Call(fd, TableLoad, TableLoadBuffer(name, sectors, targetType, parameters), $"DM_TABLE_LOAD {name} ({targetType})");

            // DM_DEV_SUSPEND without DM_SUSPEND_FLAG resumes: the loaded table becomes live.
            Call(fd, DevSuspend, Header(name, IoctlHeaderSize, 0, 0), $"DM_DEV_SUSPEND (resume) {name}");

            // huge_encode_dev: minor's low 8 bits, then major, then minor's high bits.
            var minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
            return $"/dev/dm-{minor}";
        }
        finally
        {
            Libc.close(fd);
        }
    }

    internal static byte[] TableLoadBuffer(string name, ulong sectors, string targetType, string parameters)
    {
        var paramBytes = Encoding.ASCII.GetBytes(parameters);
        var specLength = Align8(TargetSpecSize + paramBytes.Length + 1);
        var buffer = Header(name, IoctlHeaderSize + specLength, 1, ReadOnlyFlag);
        var spec = buffer.AsSpan(IoctlHeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(spec, 0);                 // sector_start
        BinaryPrimitives.WriteUInt64LittleEndian(spec[8..], sectors);      // length
        BinaryPrimitives.WriteUInt32LittleEndian(spec[20..], 0);           // next: no further target
        Encoding.ASCII.GetBytes(targetType).CopyTo(spec[24..40]);
        paramBytes.CopyTo(spec[TargetSpecSize..]);
        return buffer;
    }

    private static byte[] Header(string name, int totalSize, uint targetCount, uint flags)
    {
        var buffer = new byte[totalSize];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, 4);                 // version 4.0.0
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)totalSize); // data_size
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], IoctlHeaderSize); // data_start
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], targetCount);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], flags);
        var nameBytes = Encoding.ASCII.GetBytes(name);
        if (nameBytes.Length >= 128)
        {
            throw new ArgumentException($"device-mapper name '{name}' is longer than 127 bytes", nameof(name));
        }

        nameBytes.CopyTo(span[48..]);
        return buffer;
    }

    private static unsafe byte[] Call(int fd, ulong request, byte[] buffer, string what)
    {
        fixed (byte* p = buffer)
        {
            Libc.Check(Libc.ioctl(fd, request, p), "ioctl", what);
        }

        return buffer;
    }

    private static int Align8(int n) => (n + 7) & ~7;
}
