using Hull.Oci;

namespace Hull.Testing.Oci;

/// <summary>Ready-made images for tests that need a real workload.</summary>
public static class TestImages
{
    /// <summary>Debian's busybox-static: one static binary, so the image needs no libraries.</summary>
    public const string BusyboxPath = "/bin/busybox";

    /// <summary>
    /// An HTTP server: busybox-static's httpd serving /www on <paramref name="port"/>, with
    /// /www/index.html = <paramref name="indexHtml"/> (so two versions can be told apart), and
    /// /bin/sh, /bin/httpd, /bin/wget ... as links to /bin/busybox. Returns the builder: write
    /// it with <see cref="OciImageBuilder.WriteLayout"/>, or change its config first.
    /// </summary>
    public static OciImageBuilder BusyboxHttpd(string indexHtml, int port = 8080)
    {
        File.Exists(BusyboxPath).ShouldBeTrue($"{BusyboxPath} is missing: run ./hull setup (it installs busybox-static)");
        var builder = new OciImageBuilder
        {
            Cmd = ["/bin/busybox", "httpd", "-f", "-v", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-h", "/www"],
            ExposedPorts = [$"{port}/tcp"],
            Env = ["PATH=/bin"],
            WorkingDir = "/www",
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "hull-test-httpd" },
        };
        builder.AddHostFile("/bin/busybox", BusyboxPath, OciImageBuilder.ExecutableMode);
        foreach (var applet in (string[])["sh", "httpd", "wget", "cat", "ls", "sleep"])
        {
            builder.AddSymlink($"/bin/{applet}", "busybox");
        }

        builder.AddTextFile("/www/index.html", indexHtml);
        builder.AddDirectory("/tmp", OciImageBuilder.DirectoryMode | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit);
        return builder;
    }
}
