using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    // glibc 2.36 has no finit_module wrapper: call the syscall by number (x86-64).
    private const long SYS_finit_module = 313;
    private const int EEXIST = 17;

    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall3(long number, long a1, nint a2, long a3);

    /// <summary>Loads a kernel module from its file, unchanged (Secure Boot's lockdown checks its signature). Already loaded is fine.</summary>
    internal static unsafe void LoadModule(string path)
    {
        var fd = Check(open(path, O_RDONLY | O_CLOEXEC, 0), "open", path);
        try
        {
            byte empty = 0;
            if (Syscall3(SYS_finit_module, fd, (nint)(&empty), 0) < 0 && Marshal.GetLastPInvokeError() != EEXIST)
            {
                ThrowLastError("finit_module", path);
            }
        }
        finally
        {
            close(fd);
        }
    }
}
