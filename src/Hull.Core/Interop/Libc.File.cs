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
    /// no way to open a directory, so this is the one place the datastore needs a raw descriptor.
    /// </summary>
    internal static void SyncDirectory(string directory)
    {
        var fd = Check(open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0), "open", directory);
        try
        {
            Check(fsync(fd), "fsync", directory);
        }
        finally
        {
            close(fd);
        }
    }
}
