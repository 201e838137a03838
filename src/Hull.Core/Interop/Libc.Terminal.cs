using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    // struct termios is 60 bytes on x86_64 glibc; it is only ever saved, made raw by cfmakeraw and restored, so a
    // slightly larger opaque buffer is enough.
    internal const int TermiosSize = 64;
    private const int TCSANOW = 0;

    [LibraryImport(Name, SetLastError = true)]
    private static partial int tcgetattr(int fd, Span<byte> termios);

    [LibraryImport(Name, SetLastError = true)]
    private static partial int tcsetattr(int fd, int optionalActions, ReadOnlySpan<byte> termios);

    [LibraryImport(Name)]
    private static partial void cfmakeraw(Span<byte> termios);

    /// <summary>Puts the terminal on <paramref name="fd"/> in raw mode (no echo, no line editing, no signals from keys); returns its old settings.</summary>
    internal static byte[] MakeRaw(int fd)
    {
        var saved = new byte[TermiosSize];
        Check(tcgetattr(fd, saved), "tcgetattr", $"fd {fd}");
        var raw = (byte[])saved.Clone();
        cfmakeraw(raw);
        Check(tcsetattr(fd, TCSANOW, raw), "tcsetattr", $"fd {fd}");
        return saved;
    }

    /// <summary>Gives the terminal on <paramref name="fd"/> back the settings <see cref="MakeRaw"/> returned.</summary>
    internal static void RestoreTerminal(int fd, byte[] saved) => tcsetattr(fd, TCSANOW, saved);
}
