using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    // <fcntl.h>: open only if the path is a directory.
    internal const int O_DIRECTORY = 0x10000;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fsync(int fd);

    /// <summary>
    /// fsync(2) on a directory: makes the renames, creations and deletions inside it durable.
    /// fsync on a file covers its data only, not the directory entry that names it, and .NET has
    /// no way to open a directory, so this takes a raw descriptor.
    /// </summary>
    internal static void SyncDirectory(string directory) => Sync(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    /// <summary>
    /// fsync(2) on a file opened read-only: on FAT, a renamed file's new folder entry gets its size and first cluster
    /// only when the file's inode is written, which fsync of the folder does not do.
    /// </summary>
    internal static void SyncFile(string path) => Sync(path, O_RDONLY | O_CLOEXEC);

    private static void Sync(string path, int flags)
    {
        var fd = Check(open(path, flags, 0), "open", path);
        try
        {
            Check(fsync(fd), "fsync", path);
        }
        finally
        {
            close(fd);
        }
    }

    // <fcntl.h>: POSIX_FADV_DONTNEED drops the file's clean pages from the page cache.
    private const int POSIX_FADV_DONTNEED = 4;

    [LibraryImport(Name)]
    private static partial int posix_fadvise(int fd, long offset, long length, int advice);

    /// <summary>
    /// Drops the cached pages of the (fsynced) file open as <paramref name="handle"/>, so the next read comes from the
    /// device rather than from memory: a read-back that checks what a disk holds, not what was handed to it.
    /// posix_fadvise returns the error number instead of setting errno.
    /// </summary>
    internal static void DropCache(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        var error = posix_fadvise((int)handle.DangerousGetHandle(), 0, 0, POSIX_FADV_DONTNEED);
        if (error != 0)
        {
            throw new ErrnoException("posix_fadvise DONTNEED", path, error);
        }
    }

    [LibraryImport(Name, EntryPoint = "lchown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int lchown(string path, uint owner, uint group);

    /// <summary>lchown(2): gives <paramref name="path"/> (itself, not what a symbolic link points at) to this user and group.</summary>
    internal static void Chown(string path, uint owner, uint group) => Check(lchown(path, owner, group), "lchown", path);
}
