using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    internal const int SIGKILL = 9;
    internal const int SIGUSR2 = 12;
    internal const int SIGTERM = 15;

    [LibraryImport(Name, EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    /// <summary>kill(2); false when the process is already gone.</summary>
    internal static bool Kill(int pid, int signal) => KillNative(pid, signal) == 0;
}
