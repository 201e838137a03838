using System.IO.Compression;
using Hull.Builder.Kernel;
using Hull.Cpio;
using Hull.Oci;

namespace Hull.Bench.Compare;

/// <summary>
/// The floor: an initramfs holding busybox-static (the build machine's), bench/floor/init as /init, and the kernel
/// modules Hull's stage 1 loads (image/modules.txt's "initramfs" lines and their dependencies, from the locked kernel
/// package), in load order in /etc/modules.load. Booted with Hull's kernel, nothing else runs.
/// </summary>
internal static class FloorImage
{
    public const string BusyboxPath = "/bin/busybox";

    /// <summary>Stages the tree in <paramref name="directory"/>/root and writes <paramref name="directory"/>/initramfs.img (gzip, as Hull's).</summary>
    public static (string Initramfs, TreeCensus Census) Build(string repo, ModuleSet modules, IReadOnlyList<string> stage1Modules, string directory)
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new InvalidOperationException($"{BusyboxPath} is missing: run ./hull setup (it installs busybox-static)");
        }

        var root = Path.Combine(directory, "root");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var moduleDir = $"lib/modules/{modules.KernelVersion}";
        Copy(BusyboxPath, root, "bin/busybox", OciImageBuilder.ExecutableMode);
        Copy(Path.Combine(repo, "bench", "floor", "init"), root, "init", OciImageBuilder.ExecutableMode);
        foreach (var module in stage1Modules)
        {
            Copy(Path.Combine(modules.ModulesDirectory, module), root, $"{moduleDir}/{module}", OciImageBuilder.RegularMode);
        }

        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.WriteAllText(Path.Combine(root, "etc", "modules.load"), string.Concat(stage1Modules.Select(m => $"/{moduleDir}/{m}\n")));
        foreach (var dir in (string[])["dev", "proc"])
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        var census = TreeCensus.Of(root, []);
        var initramfs = Path.Combine(directory, "initramfs.img");
        using (var file = File.Create(initramfs))
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        using (var cpio = new CpioWriter(gzip))
        {
            AddTree(cpio, root, "");

            // The kernel opens /dev/console for /init before any devtmpfs exists.
            cpio.AddCharacterDevice("dev/console", 5, 1, (UnixFileMode)0x180);
        }

        return (initramfs, census);
    }

    // Directories before their contents, names sorted: the same tree always gives the same archive.
    private static void AddTree(CpioWriter cpio, string root, string relative)
    {
        foreach (var entry in new DirectoryInfo(Path.Combine(root, relative)).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
            if (entry is DirectoryInfo)
            {
                cpio.AddDirectory(path);
                AddTree(cpio, root, path);
            }
            else
            {
                cpio.AddFileFromPath(path, entry.FullName, ((FileInfo)entry).UnixFileMode);
            }
        }
    }

    private static void Copy(string source, string root, string relative, UnixFileMode mode)
    {
        var target = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target);
        File.SetUnixFileMode(target, mode);
    }
}
