using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    /// <summary>
    /// setns(2). With CLONE_NEWNET it moves only the calling thread into the network namespace,
    /// so sockets that thread opens afterwards belong to that namespace.
    /// </summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setns(int fd, int nstype);

    internal const int CLONE_NEWNET = 0x40000000;
}
