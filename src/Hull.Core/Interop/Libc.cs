using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Hull.Interop;

/// <summary>
/// Calls into glibc. One file per syscall family (<c>Libc.Mount.cs</c>, <c>Libc.Socket.cs</c>, ...);
/// this file holds what they all share. errno is read once, here, and turned into an exception
/// that names the call and its subject.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class Libc
{
    internal const string Name = "libc";

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Name, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int open(string path, int flags, int mode);

    [LibraryImport(Name, SetLastError = true)]
    internal static unsafe partial int ioctl(int fd, ulong request, void* arg);

    internal const int O_RDONLY = 0;
    internal const int O_WRONLY = 1;
    internal const int O_RDWR = 2;
    internal const int O_CLOEXEC = 0x80000;

    /// <summary>Throws when <paramref name="result"/> is negative, naming the call and what it acted on.</summary>
    internal static int Check(int result, string call, string subject)
    {
        if (result < 0)
        {
            ThrowLastError(call, subject);
        }

        return result;
    }

    /// <summary>Throws an <see cref="ErrnoException"/> for the current errno.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void ThrowLastError(string call, string subject)
    {
        var errno = Marshal.GetLastPInvokeError();
        throw new ErrnoException(call, subject, errno);
    }
}
