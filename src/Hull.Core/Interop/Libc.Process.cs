using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    // reboot(2) commands, from <sys/reboot.h>.
    internal const int RB_AUTOBOOT = 0x01234567;
    internal const int RB_POWER_OFF = 0x4321fedc;
    internal const int RB_HALT_SYSTEM = unchecked((int)0xcdef0123);

    [LibraryImport(Name, EntryPoint = "getpid")]
    internal static partial int GetPid();

    [LibraryImport(Name, EntryPoint = "reboot", SetLastError = true)]
    private static partial int RebootNative(int command);

    [LibraryImport(Name, EntryPoint = "sync")]
    internal static partial void Sync();

    [LibraryImport(Name, EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int ExecvNative(string path, string?[] argv);

    [LibraryImport(Name, EntryPoint = "sethostname", SetLastError = true)]
    private static partial int SetHostnameNative(ReadOnlySpan<byte> name, nuint length);

    /// <summary>reboot(2): only returns by throwing.</summary>
    internal static void Reboot(int command)
    {
        Sync();
        Check(RebootNative(command), "reboot", $"0x{command:x8}");
    }

    /// <summary>execv(3): replaces this process; only returns by throwing.</summary>
    internal static void Exec(string path, params string[] args)
    {
        var argv = new string?[args.Length + 2];
        argv[0] = path;
        args.CopyTo(argv, 1);
        ExecvNative(path, argv);
        ThrowLastError("execv", path);
    }

    /// <summary>sethostname(2).</summary>
    internal static void SetHostname(string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name);
        Check(SetHostnameNative(bytes, (nuint)bytes.Length), "sethostname", name);
    }
}
