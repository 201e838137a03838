using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    // glibc 2.36 has no finit_module or delete_module wrapper: call the syscalls by number (x86-64).
    private const long SYS_finit_module = 313;
    private const long SYS_delete_module = 176;
    private const int EEXIST = 17;
    private const int O_NONBLOCK = 0x800; // delete_module: fail with EWOULDBLOCK while in use instead of waiting

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

    /// <summary>Unloads the module <paramref name="name"/> (as /proc/modules spells it), refusing (EWOULDBLOCK, EBUSY) rather than waiting while it is in use.</summary>
    internal static unsafe void UnloadModule(string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* p = bytes)
        {
            if (Syscall3(SYS_delete_module, (long)p, O_NONBLOCK, 0) < 0)
            {
                ThrowLastError("delete_module", name);
            }
        }
    }
}
