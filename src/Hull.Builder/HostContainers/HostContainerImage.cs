using Hull.Builder.Tools;
using Hull.Oci;

namespace Hull.Builder.HostContainers;

/// <summary>
/// The image the default admin and control host containers run: Debian's busybox-static (a shell and the usual
/// tools) in a one-layer OCI image, stored on the root as an archive that the host imports into containerd at boot.
/// The host itself gets no shell: the archive is data on the root, not a program. `apiclient` is not in the image;
/// the host mounts its own binary into each host container.
/// </summary>
internal static class HostContainerImage
{
    /// <summary>Where the archive sits on the root (the host reads it from there).</summary>
    public const string PathInRoot = "/usr/share/hull/host-container.tar";

    /// <summary>The image's name inside the archive.</summary>
    public const string Name = "localhost/hull/host-container:1";

    // The main process: run the user data as a shell script when there is one; then a bootstrap container is done,
    // and a host container waits for ever, ending at once on SIGTERM (PID 1 ignores signals it does not handle).
    private const string Entry = """
        if [ -s /.hull/user-data ]; then sh /.hull/user-data || exit $?; fi
        if [ "$HULL_CONTAINER_KIND" = bootstrap ]; then exit 0; fi
        trap 'exit 0' TERM
        while true; do sleep 86400 & wait $!; done
        """;

    /// <summary>Writes the archive into <paramref name="workDirectory"/> from the extracted busybox-static package; returns its path.</summary>
    public static async Task<string> WriteAsync(string busyboxPackageRoot, string workDirectory, CancellationToken cancellationToken)
    {
        var busybox = Path.Combine(busyboxPackageRoot, "bin", "busybox");
        if (!File.Exists(busybox))
        {
            throw new ToolException($"busybox-static has no /bin/busybox under {busyboxPackageRoot}");
        }

        var builder = new OciImageBuilder
        {
            Cmd = ["/bin/sh", "-c", Entry],
            Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"],
            WorkingDir = "/root",
        };
        builder.AddHostFile("/bin/busybox", busybox, OciImageBuilder.ExecutableMode);

        // Every applet as a link to /bin/busybox, where busybox itself says it belongs ("bin/sh", "usr/bin/wget").
        var applets = await Tool.RunAsync(busybox, ["--list-full"], cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var applet in applets.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (applet != "bin/busybox")
            {
                builder.AddSymlink("/" + applet, "/bin/busybox");
            }
        }

        builder.AddTextFile("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        builder.AddTextFile("/etc/group", "root:x:0:\nnogroup:x:65534:\n");
        builder.AddDirectory("/root", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        builder.AddDirectory("/tmp", (UnixFileMode)0x3ff | UnixFileMode.StickyBit);
        builder.AddDirectory("/.hull");

        var layout = Path.Combine(workDirectory, "host-container-layout");
        if (Directory.Exists(layout))
        {
            Directory.Delete(layout, recursive: true);
        }

        var image = builder.WriteLayout(layout, Name);
        return image.WriteArchive(Path.Combine(workDirectory, "host-container.tar"));
    }
}
