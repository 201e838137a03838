using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Builder.Debian;
using Hull.Ctl;
using Hull.Oci;
using Hull.Testing.Oci;
using Hull.Testing.Registry;

namespace Hull.Bench;

/// <summary>
/// containerd's own `ctr run` on the same host, for the workload start target: ctr from the pinned containerd package
/// (the same build as the host's) in an image with busybox, run as a superpowered host container; each sample is
/// `ctr run -d` of the workload image (already present) timed inside the guest with /proc/uptime (10 ms steps).
/// ctr runs chrooted into the host's root (/.hull/rootfs): it mounts snapshots by their host paths, and needs the host's glibc.
/// </summary>
internal static class CtrRunComparison
{
    private const string Script = """
        cp /usr/local/bin/ctr /.hull/rootfs/tmp/bench-ctr
        ctr() { chroot /.hull/rootfs /tmp/bench-ctr -n k8s.io "$@"; }
        read start _ < /proc/uptime
        ctr run -d "$1" "$2" /bin/busybox httpd -f -p 8081 -h /www > /dev/null || exit 2
        read end _ < /proc/uptime
        echo "$start $end"
        ctr task kill -s KILL "$2" > /dev/null 2>&1
        sleep 1
        ctr task delete "$2" > /dev/null 2>&1
        ctr container delete "$2" > /dev/null 2>&1
        """;

    /// <summary>Pushes the ctr image to <paramref name="registry"/> as tools:1 and returns its reference as the guest sees it.</summary>
    public static async Task<string> PushImageAsync(TestRegistry registry, string registryInGuest, string repo, string scratch, CancellationToken cancellationToken)
    {
        var containerd = PackageLock.Parse(await File.ReadAllTextAsync(Path.Combine(repo, "image", "packages.lock"), cancellationToken), "image/packages.lock").Get("containerd");
        var ctr = Path.Combine(await new PackageCache(Path.Combine(repo, ".cache")).ExtractAsync(containerd, cancellationToken), "usr", "bin", "ctr");
        var builder = new OciImageBuilder
        {
            Cmd = ["/bin/busybox", "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 86400 & wait $!; done"],
            Env = ["PATH=/bin:/usr/local/bin"],
        };
        builder.AddHostFile("/bin/busybox", TestImages.BusyboxPath, OciImageBuilder.ExecutableMode);
        builder.AddSymlink("/bin/sh", "busybox");
        builder.AddSymlink("/bin/sleep", "busybox");
        builder.AddHostFile("/usr/local/bin/ctr", ctr, OciImageBuilder.ExecutableMode);
        builder.AddDirectory("/tmp", (UnixFileMode)0x3ff | UnixFileMode.StickyBit);   // ctr makes its temporary mounts there
        await registry.PushAsync(builder.WriteLayout(Path.Combine(scratch, "tools"), "tools:1"), "tools:1", cancellationToken);
        return $"{registryInGuest}/tools:1";
    }

    /// <summary>Runs <paramref name="runs"/> `ctr run -d` of <paramref name="image"/> in host container "bench"; returns the seconds each took.</summary>
    public static async Task<IReadOnlyList<double>> RunAsync(HttpClient api, CtlStreams streams, string toolsImage, string image, int runs, CancellationToken cancellationToken)
    {
        await BenchHostContainer.StartAsync(api, "bench", toolsImage, cancellationToken);
        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (code, stdout, stderr) = await BenchHostContainer.ExecAsync(api, streams, "bench", ["/bin/sh", "-c", Script, "sh", image, $"ctr-run-{i}"], cancellationToken);
            var text = stdout.Trim();
            if (code != 0 || text.Split(' ') is not [var start, var end])
            {
                throw new InvalidOperationException($"ctr run {i} failed ({code}): {text} {stderr}");
            }

            samples.Add(double.Parse(end, CultureInfo.InvariantCulture) - double.Parse(start, CultureInfo.InvariantCulture));
            Console.WriteLine($"ctr run {i}: {samples[^1]:F2} s");
        }

        return samples;
    }
}
