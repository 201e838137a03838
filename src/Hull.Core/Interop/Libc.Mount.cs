using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    // mount(2) flags, from <sys/mount.h>.
    internal const ulong MS_RDONLY = 1;
    internal const ulong MS_NOSUID = 2;
    internal const ulong MS_NODEV = 4;
    internal const ulong MS_NOEXEC = 8;
    internal const ulong MS_REMOUNT = 32;
    internal const ulong MS_DIRSYNC = 128;
    internal const ulong MS_BIND = 4096;
    internal const ulong MS_MOVE = 8192;
    internal const ulong MS_REC = 16384;
    internal const ulong MS_SHARED = 1 << 20;

    // umount2(2) flags.
    internal const int MNT_DETACH = 2;

    [LibraryImport(Name, EntryPoint = "mount", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MountNative(string? source, string target, string? fileSystemType, ulong flags, string? data);

    [LibraryImport(Name, EntryPoint = "umount2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Umount2Native(string target, int flags);

    [LibraryImport(Name, EntryPoint = "chroot", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int ChrootNative(string path);

    /// <summary>mount(2); throws naming the target and file system type.</summary>
    internal static void Mount(string? source, string target, string? fileSystemType, ulong flags, string? data = null) =>
        Check(MountNative(source, target, fileSystemType, flags, data), "mount", $"{source ?? "none"} on {target} type {fileSystemType ?? "-"}");

    /// <summary>umount2(2) with the given flags.</summary>
    internal static void Unmount(string target, int flags = 0) => Check(Umount2Native(target, flags), "umount2", target);

    /// <summary>chroot(2).</summary>
    internal static void Chroot(string path) => Check(ChrootNative(path), "chroot", path);
}
