using System.Security.Cryptography;
using System.Text.Json;
using Hull.Boot;
using Hull.Builder.Boot;
using Hull.Builder.Debian;
using Hull.Builder.Disk;
using Hull.Builder.Initramfs;
using Hull.Builder.Kernel;
using Hull.Builder.Keys;
using Hull.Builder.HostContainers;
using Hull.Builder.Rootfs;
using Hull.Builder.Tools;
using Hull.Verity;

namespace Hull.Builder.Build;

/// <summary>`hull build`: pinned packages + the hull binary → a bootable, signed GPT disk image in out/.</summary>
internal sealed class ImageBuilder(BuildPaths paths, TextWriter output)
{
    private const string HullInImage = "/usr/bin/hull";

    public async Task<BuildManifest> BuildAsync(BuildOptions options, CancellationToken cancellationToken)
    {
        var progress = new BuildProgress(output, 9);
        var version = options.ResolveVersion(await File.ReadAllTextAsync(paths.VersionFile, cancellationToken).ConfigureAwait(false), "image/version");
        Directory.CreateDirectory(paths.OutputDirectory);
        Directory.CreateDirectory(paths.WorkDirectory);
        var hullBinary = options.HullBinary;
        var buildId = await BuildIdAsync(cancellationToken).ConfigureAwait(false);

        progress.Step("Fetching and verifying pinned Debian packages");
        var lockFile = PackageLock.Parse(await File.ReadAllTextAsync(paths.LockFile, cancellationToken).ConfigureAwait(false), "image/packages.lock");
        var cache = new PackageCache(paths.CacheDirectory);
        var extracted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var package in lockFile.Packages)
        {
            extracted[package.Name] = await cache.ExtractAsync(package, cancellationToken).ConfigureAwait(false);
        }

        progress.Detail($"{lockFile.Packages.Count} packages match the lock");
        var kernelPackage = lockFile.Packages.Single(p => p.Name.StartsWith("linux-image-", StringComparison.Ordinal)).Name;

        progress.Step("Publishing the hull binary (NativeAOT)");
        hullBinary ??= await HullBinary.PublishAsync(paths.RepoRoot, paths.CacheDirectory, cancellationToken).ConfigureAwait(false);
        progress.Detail($"{hullBinary}: {Mib(new FileInfo(hullBinary).Length)}");

        progress.Step("Resolving kernel modules");
        var modules = await ModuleSet.LoadAsync(extracted[kernelPackage], cancellationToken).ConfigureAwait(false);
        var moduleList = ModuleList.Parse(await File.ReadAllTextAsync(paths.ModulesFile, cancellationToken).ConfigureAwait(false), "image/modules.txt");
        var initramfsModules = modules.Resolve(moduleList.Initramfs);
        var rootModules = modules.Resolve(moduleList.Root);
        var optionalModules = modules.Resolve(moduleList.Optional).Except(rootModules, StringComparer.Ordinal).ToList();
        progress.Detail($"kernel {modules.KernelVersion}: {initramfsModules.Count} modules in the initramfs, {rootModules.Count} on the root (+ {optionalModules.Count} optional)");

        progress.Step("Assembling the root file system (erofs, lz4hc)");
        var osRelease = OsRelease.Format(version, buildId);
        var tree = AssembleRoot(extracted, hullBinary, modules, rootModules, optionalModules, osRelease);
        var hostContainers = await HostContainerImage.WriteAsync(extracted["busybox-static"], paths.WorkDirectory, cancellationToken).ConfigureAwait(false);
        tree.AddFile(HostContainerImage.PathInRoot, hostContainers, (UnixFileMode)0x1a4);
        var updateKeys = new UpdateKeys(paths.KeysDirectory);
        if (updateKeys.Ensure())
        {
            progress.Detail($"created update signing keys and their TUF root in {updateKeys.Directory} (keep them out of git)");
        }

        tree.AddFile(UpdateKeys.PathInRoot, updateKeys.RootFile, (UnixFileMode)0x1a4);
        foreach (var excluded in options.Excludes ?? [])
        {
            tree.Remove(excluded);
            progress.Detail($"left out {excluded} (--exclude)");
        }

        var erofs = Path.Combine(paths.WorkDirectory, "root.erofs");
        await Erofs.BuildAsync(tree.Root, erofs, DiskLayout.GuidFor(version, "erofs"), cancellationToken).ConfigureAwait(false);
        var erofsBytes = new FileInfo(erofs).Length;
        progress.Detail($"root erofs {Mib(erofsBytes)}");

        progress.Step("Computing the dm-verity hash tree");
        var rootImage = Path.Combine(paths.OutputDirectory, "root.img");
        File.Copy(erofs, rootImage, overwrite: true);
        byte[] salt;
        await using (var erofsStream = File.OpenRead(erofs))
        {
            salt = await SHA256.HashDataAsync(erofsStream, cancellationToken).ConfigureAwait(false);
        }

        var verity = VerityHashTree.AppendTo(rootImage, new VerityParameters { Salt = salt, Uuid = DiskLayout.GuidFor(version, "verity") });
        progress.Detail($"root hash {verity.RootHashHex}; partition image {Mib(new FileInfo(rootImage).Length)}");

        progress.Step("Building the initramfs");
        var initramfs = Path.Combine(paths.OutputDirectory, "initramfs.img");
        var libc = Path.Combine(extracted["libc6"], "lib", "x86_64-linux-gnu");
        InitramfsBuilder.Build(initramfs, hullBinary, libc, modules.ModulesDirectory, modules.KernelVersion, initramfsModules);
        progress.Detail($"initramfs {Mib(new FileInfo(initramfs).Length)}");

        progress.Step("Making and signing the UKIs (slots A and B) and systemd-boot");
        var keys = new SecureBootKeys(paths.KeysDirectory);
        if (await keys.EnsureAsync(cancellationToken).ConfigureAwait(false))
        {
            progress.Detail($"created a new Secure Boot key set in {keys.Directory} (keep it out of git)");
        }

        var kernel = Path.Combine(paths.OutputDirectory, "vmlinuz");
        File.Copy(Directory.GetFiles(Path.Combine(extracted[kernelPackage], "boot"), "vmlinuz-*").Single(), kernel, overwrite: true);
        var osReleaseFile = Path.Combine(paths.WorkDirectory, "os-release");
        await File.WriteAllTextAsync(osReleaseFile, osRelease, cancellationToken).ConfigureAwait(false);
        var bootA = new BootParameters('a', "ROOT-A", verity.RootHashHex, salt.Length == 0 ? "" : Convert.ToHexStringLower(salt), verity.DataBlocks, verity.HashStartBlock);
        var bootB = bootA with { Slot = 'b', RootPartitionLabel = "ROOT-B" };
        var bootEfi = Path.Combine(extracted["systemd-boot-efi"], "usr", "lib", "systemd", "boot", "efi");
        async Task<(string CommandLine, string Uki)> SlotUkiAsync(BootParameters boot)
        {
            var commandLine = Path.Combine(paths.OutputDirectory, $"cmdline-{boot.Slot}.txt");
            await File.WriteAllTextAsync(commandLine, $"console=ttyS0 quiet panic=5 {boot.Format()}", cancellationToken).ConfigureAwait(false);
            var unsigned = Path.Combine(paths.WorkDirectory, $"uki-{boot.Slot}.unsigned.efi");
            await UkiBuilder.BuildAsync(Path.Combine(bootEfi, "linuxx64.efi.stub"), osReleaseFile, commandLine, kernel, initramfs, unsigned, cancellationToken).ConfigureAwait(false);
            var uki = Path.Combine(paths.OutputDirectory, $"uki-{boot.Slot}.efi");
            await keys.SignAsync(unsigned, uki, cancellationToken).ConfigureAwait(false);
            return (commandLine, uki);
        }

        // The two slots' UKIs differ only in their command line; objcopy and sbsign run side by side.
        var bootloader = Path.Combine(paths.WorkDirectory, "BOOTX64.EFI");
        var slotA = SlotUkiAsync(bootA);
        var slotB = SlotUkiAsync(bootB);
        await Task.WhenAll(slotA, slotB, keys.SignAsync(Path.Combine(bootEfi, "systemd-bootx64.efi"), bootloader, cancellationToken)).ConfigureAwait(false);
        var (commandLineA, ukiA) = await slotA.ConfigureAwait(false);
        var (commandLineB, ukiB) = await slotB.ConfigureAwait(false);
        progress.Detail($"UKI {Mib(new FileInfo(ukiA).Length)} per slot");

        progress.Step("Enrolling the keys into OVMF variables");
        var enrollInitramfs = Path.Combine(paths.WorkDirectory, "enroll-initramfs.img");
        InitramfsBuilder.Build(enrollInitramfs, hullBinary, libc, modules.ModulesDirectory, modules.KernelVersion, modules.Resolve(["efivarfs"]),
            SecureBootKeys.Names.ToDictionary(n => $"enroll/{n}.auth", keys.Auth));
        await FirmwareVars.EnsureAsync(keys, kernel, enrollInitramfs, paths.WorkDirectory, output, cancellationToken).ConfigureAwait(false);
        var ovmfVars = Path.Combine(paths.OutputDirectory, "OVMF_VARS.fd");
        File.Copy(FirmwareVars.PathFor(keys), ovmfVars, overwrite: true);

        progress.Step("Writing the GPT disk image");
        var esp = Path.Combine(paths.WorkDirectory, "esp.img");
        await EspImage.BuildAsync(esp, DiskLayout.EspSize, bootloader, new Dictionary<string, string> { [EspImage.EntryName(version, 'a')] = ukiA }, paths.WorkDirectory, cancellationToken).ConfigureAwait(false);
        var disk = Path.Combine(paths.OutputDirectory, "disk.img");
        DiskImage.Write(disk, version, new Dictionary<string, string> { ["ESP"] = esp, ["ROOT-A"] = rootImage });
        progress.Finish();

        var manifest = new BuildManifest(version, OsRelease.Variant, OsRelease.Arch, buildId, modules.KernelVersion, verity.RootHashHex,
            disk, rootImage, kernel, initramfs, commandLineA, commandLineB, ukiA, ukiB, ovmfVars,
            DiskLayout.DiskSize, erofsBytes, new FileInfo(rootImage).Length, new FileInfo(ukiA).Length, new FileInfo(initramfs).Length, new FileInfo(hullBinary).Length);
        await File.WriteAllTextAsync(Path.Combine(paths.OutputDirectory, "build.json"), JsonSerializer.Serialize(manifest, BuildJsonContext.Default.BuildManifest), cancellationToken).ConfigureAwait(false);
        output.WriteLine($"""

            Hull {version} ({buildId}) built in {progress.Elapsed.TotalSeconds:F0} s:
              disk image   {disk}  {Mib(manifest.DiskBytes)} (sparse)
              root erofs   {Mib(manifest.RootErofsBytes)}  (+ verity tree: {Mib(manifest.RootPartitionBytes)})
              UKI          {Mib(manifest.UkiBytes)}  (kernel {Mib(new FileInfo(kernel).Length)}, initramfs {Mib(manifest.InitramfsBytes)})
              hull binary  {Mib(manifest.HullBinaryBytes)}
            Boot it with: ./hull run
            """);
        return manifest;
    }

    private RootfsTree AssembleRoot(
        Dictionary<string, string> extracted, string hullBinary, ModuleSet modules, IReadOnlyList<string> rootModules, IReadOnlyList<string> optionalModules, string osRelease)
    {
        var tree = new RootfsTree(Path.Combine(paths.WorkDirectory, "rootfs"));
        var manifest = RootfsManifest.Parse(File.ReadAllText(paths.RootfsManifestFile), "image/rootfs.txt");
        foreach (var entry in manifest)
        {
            if (entry.LinkTarget is { } target)
            {
                tree.AddSymlink(RootfsManifest.MergedUsrPath(entry.Pattern), target);
                continue;
            }

            if (!extracted.TryGetValue(entry.Package, out var root))
            {
                throw new ToolException($"image/rootfs.txt names package '{entry.Package}', which is not in image/packages.lock");
            }

            tree.CopyFromPackage(entry, root);
        }

        foreach (var (link, target) in (ReadOnlySpan<(string, string)>)[("/bin", "usr/bin"), ("/sbin", "usr/sbin"), ("/lib", "usr/lib"), ("/lib64", "usr/lib64")])
        {
            tree.AddSymlink(link, target);
        }

        foreach (var dir in (string[])["/proc", "/sys", "/dev", "/run", "/tmp", "/etc", "/var", "/root", "/mnt", "/efi"])
        {
            tree.AddDirectory(dir);
        }

        tree.AddFile(HullInImage, hullBinary, (UnixFileMode)0x1ed);
        tree.AddSymlink("/usr/bin/apiclient", "hull");
        tree.AddText("/usr/lib/os-release", osRelease);
        string ImagePath(string module) => $"/usr/lib/modules/{modules.KernelVersion}/{module}";
        foreach (var module in rootModules.Concat(optionalModules))
        {
            tree.AddFile(ImagePath(module), Path.Combine(modules.ModulesDirectory, module), (UnixFileMode)0x1a4);
        }

        tree.AddText("/usr/lib/hull/modules.load", string.Join('\n', rootModules.Select(ImagePath)) + "\n");
        tree.AddText("/usr/lib/hull/modules.index", modules.Index(rootModules.Concat(optionalModules), ImagePath));
        return tree;
    }

    private async Task<string> BuildIdAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await Tool.RunAsync("git", ["rev-parse", "--short=8", "HEAD"], paths.RepoRoot, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (ToolException)
        {
            return "dev";
        }
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:F1} MiB";
}
