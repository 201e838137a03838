using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hull.Bench.Compare;
using Hull.Builder.Debian;
using Hull.Builder.Tools;

namespace Hull.Bench.Baseline;

/// <summary>
/// Builds the baseline host from bench/baseline/packages.lock, offline: the .debs are fetched with apt-get download and
/// checked by SHA-256 (the builder's <see cref="PackageCache"/>, shared with `hull build`), indexed as a flat local
/// repository, and installed by mmdebstrap (minbase) into a folder; bench/baseline/root is copied over it, the instrument
/// unit enabled and the initramfs made anew with its markers; then mkfs.ext4 -d makes the disk. The result is kept
/// under .cache/bench-baseline/KEY, KEY a hash of every input, so a rerun with the same inputs builds nothing.
/// </summary>
internal static class BaselineBuilder
{
    public const string OverlayDirectory = "bench/baseline/root";
    public const string FirstContainerArchive = "/var/lib/hull-bench/first.tar";

    /// <summary>The ext4 disk's size, as a cloud image's (Debian's genericcloud images are 2 GiB).</summary>
    public const long DiskBytes = 2L << 30;

    /// <summary>Paths left out of the census: the benchmark's instruments and the mount points of virtual file systems.</summary>
    public static readonly IReadOnlyList<string> NotCounted =
    [
        "/usr/local/lib/hull-bench", "/var/lib/hull-bench", "/etc/systemd/system/hull-bench.service",
        "/etc/systemd/system/multi-user.target.wants/hull-bench.service",
        "/etc/initramfs-tools/scripts/init-top/hull-bench", "/etc/initramfs-tools/scripts/init-bottom/hull-bench",
        "/dev", "/proc", "/sys", "/run",
    ];

    public static async Task<BaselineImage> BuildAsync(string repo, string firstContainerArchive, TextWriter log, CancellationToken cancellationToken)
    {
        var (baselineLock, imageLock) = BaselineLock.Load(repo);
        var kernel = BaselineLock.Kernel(imageLock);
        var key = await KeyAsync(repo, firstContainerArchive, cancellationToken);
        var directory = Path.Combine(repo, ".cache", "bench-baseline", key);
        var manifest = Path.Combine(directory, "baseline.json");
        if (File.Exists(manifest))
        {
            log.WriteLine($"baseline: cached in {directory}");
            return JsonSerializer.Deserialize(await File.ReadAllTextAsync(manifest, cancellationToken), BenchJsonContext.Default.BaselineImage)!;
        }

        // One baseline at a time: older ones go, and so does a build that failed half-way.
        DeleteTree(Path.GetDirectoryName(directory)!);
        try
        {
            return await BuildAsync(directory, baselineLock, kernel, repo, firstContainerArchive, log, cancellationToken);
        }
        catch
        {
            DeleteTree(directory);
            throw;
        }
    }

    /// <summary>
    /// Deletes a folder mmdebstrap worked in, unless something is still mounted below it: mmdebstrap mounts /proc, /sys
    /// and /dev in the new root while it works, and a recursive delete through a mount would reach the build machine's own.
    /// </summary>
    internal static void DeleteTree(string path, string mountInfo = "/proc/self/mountinfo")
    {
        var full = Path.GetFullPath(path).TrimEnd('/') + "/";
        // mountinfo field 5 is the mount point, with spaces and the like escaped as octal (\040).
        var mounted = File.ReadLines(mountInfo).Select(l => l.Split(' ')).Where(f => f.Length > 4).Select(f => f[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(m => (m + "/").StartsWith(full, StringComparison.Ordinal)).ToList();
        if (mounted.Count > 0)
        {
            throw new ToolException($"not deleting {path}: {string.Join(", ", mounted)} still mounted there (unmount, then run again)");
        }

        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static async Task<BaselineImage> BuildAsync(string directory, PackageLock baselineLock, LockedPackage kernel, string repo, string firstContainerArchive, TextWriter log, CancellationToken cancellationToken)
    {
        log.WriteLine($"baseline: fetching and verifying {baselineLock.Packages.Count} packages");
        var cache = new PackageCache(Path.Combine(repo, ".cache"));
        var packages = Path.Combine(directory, "repo");
        Directory.CreateDirectory(packages);
        foreach (var package in baselineLock.Packages)
        {
            File.CreateSymbolicLink(Path.Combine(packages, package.FileName), await cache.GetAsync(package, cancellationToken));
        }

        // A flat repository ("deb [trusted=yes] copy:DIR ./", copied into the new root as apt needs them): apt takes exactly these verified files and nothing else.
        var index = await Tool.RunAsync("dpkg-scanpackages", ["--multiversion", "."], packages, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(packages, "Packages"), index, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(packages, "Release"), FlatRelease(index), cancellationToken);

        log.WriteLine("baseline: installing with mmdebstrap (minbase)");
        var tree = Path.Combine(directory, "root");
        var list = PackageList.Parse(await File.ReadAllTextAsync(Path.Combine(repo, BaselineLock.ListFile), cancellationToken), BaselineLock.ListFile);
        var overlay = Path.Combine(repo, OverlayDirectory);
        await Tool.RunAsync("mmdebstrap",
        [
            "--mode=root", "--format=directory", "--variant=minbase", "--quiet",
            $"--include={string.Join(',', list.Names.Append(kernel.Name))}",
            $"--customize-hook=cp -R --preserve=mode,timestamps '{overlay}/.' \"$1/\"",
            $"--customize-hook=mkdir -p \"$1/var/lib/hull-bench\" && cp '{firstContainerArchive}' \"$1{FirstContainerArchive}\"",
            "--customize-hook=chroot \"$1\" systemctl enable --quiet hull-bench.service systemd-networkd.service",
            "--customize-hook=chroot \"$1\" update-initramfs -u -k all",
            "bookworm", tree, $"deb [trusted=yes] copy:{packages} ./",
        ], cancellationToken: cancellationToken);

        var census = TreeCensus.Of(tree, [.. NotCounted]);
        var version = KernelVersion(tree);
        var initrd = Path.Combine(directory, "initrd.img");
        File.Copy(Path.Combine(tree, "boot", $"initrd.img-{version}"), initrd);

        log.WriteLine("baseline: making the ext4 disk");
        var disk = Path.Combine(directory, "disk.ext4");
        await Tool.RunAsync("mkfs.ext4", ["-q", "-F", "-L", "root", "-d", tree, disk, (DiskBytes / 1024).ToString(CultureInfo.InvariantCulture) + "k"], cancellationToken: cancellationToken);
        var usedBytes = Ext4UsedBytes(await Tool.RunAsync("dumpe2fs", ["-h", disk], cancellationToken: cancellationToken));
        var facts = new ImageFacts(usedBytes, new FileInfo(initrd).Length, DiskBytes, await AllocatedBytesAsync(disk, cancellationToken), census);
        var image = new BaselineImage(disk, initrd, version, facts);

        DeleteTree(tree);
        DeleteTree(packages);
        await File.WriteAllTextAsync(Path.Combine(directory, "baseline.json"), JsonSerializer.Serialize(image, BenchJsonContext.Default.BaselineImage), cancellationToken);
        return image;
    }

    /// <summary>
    /// The Release file of the flat repository holding <paramref name="packagesIndex"/>: mmdebstrap picks minbase's
    /// packages with apt patterns on the suite (?archive(^bookworm$)), which a repository without one never matches.
    /// </summary>
    internal static string FlatRelease(string packagesIndex)
    {
        var bytes = Encoding.UTF8.GetBytes(packagesIndex);
        return "Origin: Hull bench\nLabel: baseline\nSuite: bookworm\nCodename: bookworm\nArchitectures: amd64 all\nComponents: main\n" +
            string.Create(CultureInfo.InvariantCulture, $"SHA256:\n {Convert.ToHexStringLower(SHA256.HashData(bytes))} {bytes.Length} Packages\n");
    }

    /// <summary>Bytes in use in an ext4 file system, from `dumpe2fs -h`: (block count - free blocks) × block size.</summary>
    internal static long Ext4UsedBytes(string dumpe2fsHeader)
    {
        long Field(string name) =>
            dumpe2fsHeader.Split('\n').Select(l => l.Split(':', 2)).FirstOrDefault(f => f.Length == 2 && f[0].Trim() == name) is { } f
                ? long.Parse(f[1].Trim(), CultureInfo.InvariantCulture)
                : throw new ToolException($"dumpe2fs -h printed no '{name}'");
        return (Field("Block count") - Field("Free blocks")) * Field("Block size");
    }

    /// <summary>Bytes the file takes on the build machine's disk (a sparse image takes less than its size).</summary>
    internal static async Task<long> AllocatedBytesAsync(string path, CancellationToken cancellationToken)
    {
        var blocks = (await Tool.RunAsync("stat", ["-c", "%b %B", path], cancellationToken: cancellationToken)).Trim().Split(' ');
        return long.Parse(blocks[0], CultureInfo.InvariantCulture) * long.Parse(blocks[1], CultureInfo.InvariantCulture);
    }

    private static string KernelVersion(string tree) =>
        Path.GetFileName(Directory.GetDirectories(Path.Combine(tree, "lib", "modules")).Single());

    // Every input of the build: both locks, the package list, the overlay's files (path, mode, bytes), the container archive, this recipe.
    private static async Task<string> KeyAsync(string repo, string firstContainerArchive, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\0"));
        Add("recipe 2: flat repository with a Release file, mmdebstrap minbase, cp overlay, enable units, update-initramfs, mkfs.ext4 2G");
        foreach (var file in (string[])[BaselineLock.ListFile, BaselineLock.LockFile, BaselineLock.ImageLockFile])
        {
            Add(await File.ReadAllTextAsync(Path.Combine(repo, file), cancellationToken));
        }

        var overlay = Path.Combine(repo, OverlayDirectory);
        foreach (var file in Directory.GetFiles(overlay, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Add($"{Path.GetRelativePath(overlay, file)} {File.GetUnixFileMode(file)}");
            hash.AppendData(await File.ReadAllBytesAsync(file, cancellationToken));
        }

        hash.AppendData(await File.ReadAllBytesAsync(firstContainerArchive, cancellationToken));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
