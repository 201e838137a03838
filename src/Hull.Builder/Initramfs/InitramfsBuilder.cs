using System.IO.Compression;
using Hull.Cpio;

namespace Hull.Builder.Initramfs;

/// <summary>
/// The initramfs: hull as /init, the few glibc files it needs, and the modules that reach and
/// verify the root, in load order. Everything else stays on the verified root.
/// </summary>
internal static class InitramfsBuilder
{
    /// <summary>Library files hull needs before the root is mounted (it dlopens OpenSSL only later).</summary>
    private static readonly string[] Libraries = ["ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6"];

    /// <summary>Writes a gzip-compressed newc archive to <paramref name="output"/>.</summary>
    /// <param name="output">Where the archive goes.</param>
    /// <param name="hullBinary">The NativeAOT hull binary.</param>
    /// <param name="libcDirectory">The extracted libc6 package's library folder.</param>
    /// <param name="modulesDirectory">The kernel's modules folder (lib/modules/VERSION).</param>
    /// <param name="kernelVersion">The kernel release.</param>
    /// <param name="modules">Module paths relative to <paramref name="modulesDirectory"/>, in load order.</param>
    /// <param name="extraFiles">More files (image path → source path), e.g. key enrollment payloads.</param>
    public static void Build(string output, string hullBinary, string libcDirectory, string modulesDirectory, string kernelVersion, IReadOnlyList<string> modules, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        using var file = File.Create(output);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var cpio = new CpioWriter(gzip);
        foreach (var dir in (string[])["dev", "proc", "sys", "run", "sysroot", "lib64", "usr", "usr/lib", "usr/lib/x86_64-linux-gnu", "usr/lib/hull", "usr/lib/modules", "etc"])
        {
            cpio.AddDirectory(dir);
        }

        // The kernel opens /dev/console for PID 1 before any devtmpfs exists.
        cpio.AddCharacterDevice("dev/console", 5, 1, (UnixFileMode)0x180);
        cpio.AddFileFromPath("init", hullBinary, (UnixFileMode)0x1ed);
        foreach (var lib in Libraries)
        {
            cpio.AddFileFromPath($"usr/lib/x86_64-linux-gnu/{lib}", Path.Combine(libcDirectory, lib), (UnixFileMode)0x1ed);
        }

        cpio.AddSymlink("lib64/ld-linux-x86-64.so.2", "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");

        var moduleRoot = $"usr/lib/modules/{kernelVersion}";
        var added = new HashSet<string>(StringComparer.Ordinal) { "usr/lib/modules" };
        var order = new List<string>();
        foreach (var module in modules)
        {
            var target = $"{moduleRoot}/{module}";
            AddParents(cpio, target, added);
            cpio.AddFileFromPath(target, Path.Combine(modulesDirectory, module), (UnixFileMode)0x1a4);
            order.Add("/" + target);
        }

        cpio.AddFile("usr/lib/hull/modules.load", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', order) + "\n"));
        foreach (var (imagePath, source) in extraFiles ?? new Dictionary<string, string>())
        {
            AddParents(cpio, imagePath, added);
            cpio.AddFileFromPath(imagePath, source, (UnixFileMode)0x180);
        }
    }

    private static void AddParents(CpioWriter cpio, string path, HashSet<string> added)
    {
        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            var dir = string.Join('/', parts[..i]);
            if (dir is "usr" or "usr/lib" or "usr/lib/hull" or "etc" || !added.Add(dir))
            {
                continue;
            }

            cpio.AddDirectory(dir);
        }
    }
}
