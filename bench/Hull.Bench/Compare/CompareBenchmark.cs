using System.Globalization;
using Hull.Bench.Baseline;
using Hull.Builder.Build;
using Hull.Builder.Debian;
using Hull.Builder.Kernel;
using Hull.Builder.Qemu;
using Hull.Builder.Tools;
using Hull.Testing.Oci;

namespace Hull.Bench.Compare;

/// <summary>
/// `bench/run compare [N]`: Hull (direct kernel boot and OVMF + Secure Boot), the Debian baseline and the floor, each
/// booted N times on the same kernel in the same QEMU machine, one round of all four at a time so that the build
/// machine's changing load falls on every image alike.
/// </summary>
internal static class CompareBenchmark
{
    /// <summary>The quiet while after the boot before memory and sockets are read, as the boot benchmark waits.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan GuestTimeout = TimeSpan.FromMinutes(5);

    public static async Task<CompareRun> RunAsync(string repo, BuildManifest build, int boots, TextWriter log, CancellationToken cancellationToken)
    {
        var loadAtStart = LoadAverage();
        var scratch = Path.Combine(repo, ".cache", "bench-compare");
        Directory.CreateDirectory(scratch);

        // The first container's image, the same bytes for Hull and the baseline: busybox-static, run with a command of its own.
        var layout = Path.Combine(scratch, "first-layout");
        if (Directory.Exists(layout))
        {
            Directory.Delete(layout, recursive: true);
        }

        var archive = TestImages.BusyboxHttpd("first\n").WriteLayout(layout, HullProbe.FirstImage).WriteArchive(Path.Combine(scratch, "first.tar"));

        var baseline = await BaselineBuilder.BuildAsync(repo, archive, log, cancellationToken);
        if (baseline.KernelVersion != build.KernelVersion)
        {
            throw new ToolException($"the baseline has kernel {baseline.KernelVersion} but out/build.json has {build.KernelVersion}: rebuild one of them");
        }

        var (_, imageLock) = BaselineLock.Load(repo);
        var kernelPackage = await new PackageCache(Path.Combine(repo, ".cache")).ExtractAsync(BaselineLock.Kernel(imageLock), cancellationToken);
        var modules = await ModuleSet.LoadAsync(kernelPackage, cancellationToken);
        var moduleList = ModuleList.Parse(await File.ReadAllTextAsync(Path.Combine(repo, "image", "modules.txt"), cancellationToken), "image/modules.txt");
        var (floorInitramfs, floorCensus) = FloorImage.Build(repo, modules, modules.Resolve(moduleList.Initramfs), Path.Combine(scratch, "floor-image"));
        var floorBytes = new FileInfo(floorInitramfs).Length;
        log.WriteLine($"floor: {floorInitramfs}, {floorBytes / 1048576.0:F1} MiB");

        var hullFacts = new ImageFacts(build.RootErofsBytes, build.InitramfsBytes, build.DiskBytes,
            await BaselineBuilder.AllocatedBytesAsync(build.Disk, cancellationToken), await HullCensusAsync(build, scratch, cancellationToken));

        var samples = new Dictionary<string, List<CompareSample>>(StringComparer.Ordinal)
        {
            [ImageNames.HullDirect] = [], [ImageNames.HullUefi] = [], [ImageNames.Baseline] = [], [ImageNames.Floor] = [],
        };
        var settle = ((int)Settle.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        for (var round = 1; round <= boots; round++)
        {
            foreach (var direct in (bool[])[true, false])
            {
                var name = direct ? ImageNames.HullDirect : ImageNames.HullUefi;
                samples[name].Add(await HullProbe.MeasureAsync(build, Path.Combine(scratch, name), direct, Settle, archive, cancellationToken));
                Report(log, name, round, samples[name][^1]);
            }

            var disk = await OverlayAsync(baseline.Disk, Path.Combine(scratch, ImageNames.Baseline), cancellationToken);
            var (report, wall) = await GuestBoot.RunAsync(new QemuMachine
            {
                Direct = (build.Kernel, baseline.Initrd, $"console=ttyS0 quiet panic=5 root=/dev/vda ro hull-bench.settle={settle}"),
                Disk = disk,
                DiskIsQcow2 = true,
                SerialLog = Path.Combine(scratch, ImageNames.Baseline, "serial.log"),
                NoReboot = true,
            }, GuestTimeout, cancellationToken);
            samples[ImageNames.Baseline].Add(GuestSample.From(report, wall, BootPhases.ContainerdReady));
            Report(log, ImageNames.Baseline, round, samples[ImageNames.Baseline][^1]);

            // The floor gets a disk too (Hull's), so that virtio_blk finds one to probe, as in the other boots.
            disk = await OverlayAsync(build.Disk, Path.Combine(scratch, ImageNames.Floor), cancellationToken);
            (report, wall) = await GuestBoot.RunAsync(new QemuMachine
            {
                Direct = (build.Kernel, floorInitramfs, $"console=ttyS0 quiet panic=5 hull-bench.settle={settle}"),
                Disk = disk,
                DiskIsQcow2 = true,
                SerialLog = Path.Combine(scratch, ImageNames.Floor, "serial.log"),
                NoReboot = true,
            }, GuestTimeout, cancellationToken);
            samples[ImageNames.Floor].Add(GuestSample.From(report, wall, BootPhases.Ready));
            Report(log, ImageNames.Floor, round, samples[ImageNames.Floor][^1]);
        }

        var floorFacts = new ImageFacts(floorBytes, floorBytes, 0, 0, floorCensus);
        return new CompareRun(DateTimeOffset.UtcNow, MachineInfo.Describe(), build.BuildId, build.Version, build.KernelVersion, boots,
        [
            new ImageResult(ImageNames.HullDirect, hullFacts, samples[ImageNames.HullDirect]),
            new ImageResult(ImageNames.HullUefi, hullFacts, samples[ImageNames.HullUefi]),
            new ImageResult(ImageNames.Baseline, baseline.Facts, samples[ImageNames.Baseline]),
            new ImageResult(ImageNames.Floor, floorFacts, samples[ImageNames.Floor]),
        ], $"{loadAtStart} at the start, {LoadAverage()} at the end");
    }

    /// <summary>One boot of each image for the picture: the median boot by time to ready.</summary>
    public static IReadOnlyList<(string Label, IReadOnlyList<BootPhase> Phases)> Timelines(CompareRun run) =>
    [
        .. run.Images.Where(i => i.Samples.Count > 0).Select(i =>
        {
            var ordered = i.Samples.OrderBy(s => BootPhases.Of(s)[^1].End).ToList();
            return (ImageNames.Label(i.Name), BootPhases.Of(ordered[(ordered.Count - 1) / 2]));
        }),
    ];

    private static void Report(TextWriter log, string name, int round, CompareSample s) =>
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} #{round}: kernel at {s.PreKernelSeconds:F2} s, containerd ready {s.At(BootPhases.ContainerdReady):F2} s, ready {s.At(BootPhases.Ready):F2} s (guest), first container {s.FirstContainerSeconds?.ToString("F2", CultureInfo.InvariantCulture) ?? "-"} s, in use {s.MemInUseBytes / 1048576.0:F1} MiB, sockets {s.Sockets.Tcp}/{s.Sockets.Udp}/{s.Sockets.Unix}"));

    // "0.52 0.58 0.59 1/123 4567": the 1, 5 and 15 minute load averages.
    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    // A copy-on-write overlay, so that every boot starts from the same disk.
    private static async Task<string> OverlayAsync(string disk, string directory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var overlay = Path.Combine(directory, "disk.qcow2");
        await Tool.RunAsync("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", disk, overlay], cancellationToken: cancellationToken);
        return overlay;
    }

    // Hull's root as built: the erofs at the start of out/root.img (its verity tree follows), unpacked with modes kept.
    private static async Task<TreeCensus> HullCensusAsync(BuildManifest build, string scratch, CancellationToken cancellationToken)
    {
        var root = Path.Combine(scratch, "hull-root");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var rootImage = Path.Combine(Path.GetDirectoryName(build.Disk)!, "root.img");
        await Tool.RunAsync("fsck.erofs", [$"--extract={root}", "--preserve-perms", rootImage], cancellationToken: cancellationToken);
        var census = TreeCensus.Of(root, []);
        Directory.Delete(root, recursive: true);
        return census;
    }
}
