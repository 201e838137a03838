using System.Globalization;
using System.Text;

namespace Hull.Bench.Compare;

/// <summary>The compare run as Markdown tables for the README: each image's medians, and the ratios Hull/baseline and Hull/floor (Hull by direct kernel boot, as the others boot).</summary>
internal static class CompareReport
{
    private const double Mib = 1048576.0;

    public static string Markdown(CompareRun run, string rawFile, string pictureFile)
    {
        var hull = run.Find(ImageNames.HullDirect);
        var uefi = run.Find(ImageNames.HullUefi);
        var baseline = run.Find(ImageNames.Baseline);
        var floor = run.Find(ImageNames.Floor);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Hull, a general-purpose host and the floor — {run.Date:yyyy-MM-dd HH:mm} UTC\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Machine: {run.Machine}. Hull {run.HullVersion} ({run.Commit}); every image boots kernel {run.KernelVersion} in the same QEMU machine. ");
        text.Append(CultureInfo.InvariantCulture, $"Median (min–max) of {run.BootsPerImage} boots per image. Raw samples: `{rawFile}`. One boot of each: [{pictureFile}]({pictureFile}).\n\n");
        text.Append("Baseline: Debian bookworm minbase with systemd, udev, initramfs-tools, and Hull's kernel, containerd and runc packages (`bench/baseline`), ready when `ctr version` answers. ");
        text.Append("Floor: the kernel and an initramfs whose /init loads the modules of Hull's stage 1 and stops (`bench/floor`).");
        if (run.Load is { } load)
        {
            text.Append(CultureInfo.InvariantCulture, $" Build machine load averages (1, 5, 15 min): {load}.");
        }

        text.Append("\n\n");

        text.Append("| measure | Hull, direct | Hull, OVMF + Secure Boot | Debian baseline | floor | Hull/baseline | Hull/floor |\n|---|---|---|---|---|---|---|\n");
        Row(text, "QEMU start → kernel start (wall, s)", s => s.PreKernelSeconds, hull, uefi, baseline, floor);
        Row(text, "kernel start → init, PID 1 of the root (guest, s)", s => s.At(BootPhases.InitStart), hull, uefi, baseline, null);
        Row(text, "kernel start → containerd ready; floor: its /init done (guest, s)", ReadyAt, hull, uefi, baseline, floor);
        Row(text, "kernel start → API ready (guest, s)", s => s.At(BootPhases.ApiReady), hull, uefi, null, null);
        Row(text, "QEMU start → containerd ready; floor: /init done (wall, s)", s => s.PreKernelSeconds + ReadyAt(s), hull, uefi, baseline, floor);
        Row(text, "first container: request → its process runs, image import included (s)", s => s.FirstContainerSeconds ?? double.NaN, hull, uefi, baseline, null);
        Row(text, "idle memory in use, MemTotal − MemAvailable (MiB)", s => s.MemInUseBytes / Mib, hull, uefi, baseline, floor);
        Row(text, "idle memory in use as free(1) counts it (MiB)", s => s.FreeUsedBytes / Mib, hull, uefi, baseline, floor);
        Row(text, "listening sockets: TCP", s => s.Sockets.Tcp, hull, uefi, baseline, floor);
        Row(text, "listening sockets: UDP", s => s.Sockets.Udp, hull, uefi, baseline, floor);
        Row(text, "listening sockets: Unix", s => s.Sockets.Unix, hull, uefi, baseline, floor);

        text.Append("\nHull's boots are first boots (stage 1 on a fresh overlay: PID 1 formats STATE and DATA), as in `bench/run boot`. ");
        text.Append("Its first container runs in a CRI pod on the CNI bridge (sandbox, veth, iptables rules), started by the workload manager's next pass; ");
        text.Append("the baseline's `ctr run` gets a network namespace with loopback only. Memory and sockets are read after a quiet 10 s.\n");
        text.Append("\n| size | Hull | Debian baseline | floor | Hull/baseline | Hull/floor |\n|---|---|---|---|---|---|\n");
        Fact(text, "root file system as stored (MiB): erofs; ext4 blocks in use; the floor's initramfs", f => f.RootFsBytes / Mib, hull, baseline, floor);
        Fact(text, "initramfs (MiB)", f => f.InitramfsBytes / Mib, hull, baseline, floor);
        Fact(text, "files in the root", f => f.Census.Files, hull, baseline, floor);
        Fact(text, "bytes of those files (MiB)", f => f.Census.FileBytes / Mib, hull, baseline, floor);
        Fact(text, "executables (files with an x bit)", f => f.Census.Executables, hull, baseline, floor);
        Fact(text, "setuid files", f => f.Census.Setuid, hull, baseline, floor);
        Fact(text, "setgid files", f => f.Census.Setgid, hull, baseline, floor);
        Fact(text, "disk image, allocated (MiB)", f => f.DiskBytes == 0 ? double.NaN : f.DiskAllocatedBytes / Mib, hull, baseline, floor);
        Fact(text, "disk image, nominal size (MiB)", f => f.DiskBytes == 0 ? double.NaN : f.DiskBytes / Mib, hull, baseline, floor);
        return text.ToString();
    }

    /// <summary>Hull's value divided by the other's, as "0.42×"; "—" when either is missing or the divisor is zero.</summary>
    internal static string Ratio(double hull, double other) =>
        double.IsNaN(hull) || double.IsNaN(other) || other == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{hull / other:F2}×");

    private static double ReadyAt(CompareSample s) => double.IsNaN(s.At(BootPhases.ContainerdReady)) ? s.At(BootPhases.Ready) : s.At(BootPhases.ContainerdReady);

    private static Summary Of(ImageResult? image, Func<CompareSample, double> pick) =>
        Summary.Of(image is null ? [] : image.Samples.Select(pick).Where(v => !double.IsNaN(v)).ToList());

    private static void Row(StringBuilder text, string name, Func<CompareSample, double> pick, ImageResult? hull, ImageResult? uefi, ImageResult? baseline, ImageResult? floor)
    {
        var h = Of(hull, pick);
        var b = Of(baseline, pick);
        var f = Of(floor, pick);
        text.Append(CultureInfo.InvariantCulture, $"| {name} | {h} | {Of(uefi, pick)} | {b} | {f} | {Ratio(h.Median, b.Median)} | {Ratio(h.Median, f.Median)} |\n");
    }

    private static void Fact(StringBuilder text, string name, Func<ImageFacts, double> pick, ImageResult? hull, ImageResult? baseline, ImageResult? floor)
    {
        double Value(ImageResult? image) => image is null ? double.NaN : pick(image.Facts);
        static string Cell(double v) => double.IsNaN(v) ? "—" : v == Math.Floor(v) && Math.Abs(v) < 1e9 ? v.ToString("F0", CultureInfo.InvariantCulture) : v.ToString("F1", CultureInfo.InvariantCulture);
        var (h, b, f) = (Value(hull), Value(baseline), Value(floor));
        text.Append(CultureInfo.InvariantCulture, $"| {name} | {Cell(h)} | {Cell(b)} | {Cell(f)} | {Ratio(h, b)} | {Ratio(h, f)} |\n");
    }
}
