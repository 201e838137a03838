using System.Diagnostics;
using Hull.Bench.Compare;
using Hull.Builder.Kernel;

namespace Hull.Bench.Tests.Compare;

public sealed class FloorImageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Build_Stage1Modules_CpioListsInitBusyboxModulesAndConsole()
    {
        // A made-up kernel tree: two modules, one needing the other.
        var modulesDir = _temp.File("lib/modules/6.1.0-test");
        Directory.CreateDirectory(Path.Combine(modulesDir, "kernel/drivers"));
        File.WriteAllText(Path.Combine(modulesDir, "kernel/drivers/virtio.ko"), "virtio");
        File.WriteAllText(Path.Combine(modulesDir, "kernel/drivers/virtio_blk.ko"), "virtio_blk");
        var modules = ModuleSet.Parse("6.1.0-test", modulesDir, "kernel/drivers/virtio.ko:\nkernel/drivers/virtio_blk.ko: kernel/drivers/virtio.ko\n");

        var (initramfs, census) = FloorImage.Build(RepoRoot(), modules, modules.Resolve(["virtio_blk"]), _temp.File("floor"));

        var listing = Run("sh", "-c", $"gzip -dc '{initramfs}' | cpio -itv --quiet");
        listing.ShouldContain(" init");
        listing.ShouldContain(" bin/busybox");
        listing.ShouldContain(" lib/modules/6.1.0-test/kernel/drivers/virtio_blk.ko");
        listing.Split('\n').Single(l => l.EndsWith(" dev/console", StringComparison.Ordinal)).ShouldStartWith("crw-------");
        Run("sh", "-c", $"cd '{_temp.Path}' && mkdir x && cd x && gzip -dc '{initramfs}' | cpio -id --quiet etc/modules.load && cat etc/modules.load")
            .ShouldBe("/lib/modules/6.1.0-test/kernel/drivers/virtio.ko\n/lib/modules/6.1.0-test/kernel/drivers/virtio_blk.ko\n");
        census.Executables.ShouldBe(2); // busybox and /init
        census.Setuid.ShouldBe(0);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "bench", "floor", "init")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', args)}");
        return output;
    }
}
