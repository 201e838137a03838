using System.Runtime.InteropServices;
using System.Text;

namespace Hull.Interop;

internal static partial class Libc
{
    // <linux/blkpg.h>: BLKPG = _IO(0x12, 105); BLKPG_RESIZE_PARTITION = 3.
    private const ulong BLKPG = 0x1269;
    private const int BLKPG_RESIZE_PARTITION = 3;

    // <linux/ext4.h>: EXT4_IOC_RESIZE_FS = _IOW('f', 16, __u64).
    private const ulong EXT4_IOC_RESIZE_FS = 0x40086610;

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct BlkpgIoctlArg
    {
        public int Op;
        public int Flags;
        public int DataLength;
        public void* Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct BlkpgPartition
    {
        public long Start;          // bytes
        public long Length;         // bytes
        public int PartitionNumber;
        public fixed byte DeviceName[64];
        public fixed byte VolumeName[64];
    }

    // <linux/fs.h>: BLKGETSIZE64 = _IOR(0x12, 114, size_t).
    private const ulong BLKGETSIZE64 = 0x80081272;

    // <errno.h>: the ioctl is not one this kind of file knows (a regular file).
    private const int ENOTTY = 25;

    /// <summary>The size in bytes of the block device open as <paramref name="handle"/>; for a regular file (tests), its length.</summary>
    internal static unsafe long DeviceSize(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        ulong bytes;
        if (ioctl((int)handle.DangerousGetHandle(), BLKGETSIZE64, &bytes) == 0)
        {
            return (long)bytes;
        }

        if (Marshal.GetLastPInvokeError() != ENOTTY)
        {
            ThrowLastError("ioctl BLKGETSIZE64", path);
        }

        return RandomAccess.GetLength(handle);
    }

    /// <summary>Tells the kernel a partition of <paramref name="disk"/> is now <paramref name="lengthBytes"/> long (the partition table was already rewritten); works while other partitions are in use.</summary>
    internal static unsafe void ResizePartition(string disk, int partitionNumber, long startBytes, long lengthBytes)
    {
        var fd = Check(open(disk, O_RDONLY | O_CLOEXEC, 0), "open", disk);
        try
        {
            var partition = new BlkpgPartition { Start = startBytes, Length = lengthBytes, PartitionNumber = partitionNumber };
            var arg = new BlkpgIoctlArg { Op = BLKPG_RESIZE_PARTITION, DataLength = sizeof(BlkpgPartition), Data = &partition };
            Check(ioctl(fd, BLKPG, &arg), "ioctl BLKPG_RESIZE_PARTITION", $"{disk} partition {partitionNumber}");
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>Grows the mounted ext4 file system at <paramref name="mountPoint"/> to <paramref name="blocks"/> blocks, online.</summary>
    internal static unsafe void ResizeExt4(string mountPoint, ulong blocks)
    {
        var fd = Check(open(mountPoint, O_RDONLY | O_CLOEXEC, 0), "open", mountPoint);
        try
        {
            Check(ioctl(fd, EXT4_IOC_RESIZE_FS, &blocks), "ioctl EXT4_IOC_RESIZE_FS", $"{mountPoint} to {blocks} blocks");
        }
        finally
        {
            close(fd);
        }
    }
}
