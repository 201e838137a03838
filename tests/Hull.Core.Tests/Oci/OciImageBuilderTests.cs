using System.Text;
using System.Text.Json;
using Hull.Oci;
using Hull.Testing.Oci;

namespace Hull.Core.Tests.Oci;

/// <summary>The image layout fixture, checked by the tools that read OCI images for real: skopeo, umoci, gzip, tar.</summary>
public sealed class OciImageBuilderTests
{
    [Fact]
    public void WriteLayout_BusyboxHttpd_SkopeoReadsManifestAndConfig()
    {
        using var temp = new TempDirectory();
        var image = TestImages.BusyboxHttpd("<h1>v1</h1>").WriteLayout(temp.File("layout"), "hull/httpd:v1");

        using var inspect = Json(ExternalTool.RunChecked("skopeo", "inspect", image.LayoutReference).Stdout);
        inspect.RootElement.GetProperty("Digest").GetString().ShouldBe(image.ManifestDigest);
        inspect.RootElement.GetProperty("Architecture").GetString().ShouldBe("amd64");
        inspect.RootElement.GetProperty("Os").GetString().ShouldBe("linux");
        Strings(inspect.RootElement.GetProperty("Layers")).ShouldBe([image.Layer.Digest]);

        using var config = Json(ExternalTool.RunChecked("skopeo", "inspect", "--config", image.LayoutReference).Stdout);
        var c = config.RootElement.GetProperty("config");
        Strings(c.GetProperty("Cmd")).ShouldBe(["/bin/busybox", "httpd", "-f", "-v", "-p", "8080", "-h", "/www"]);
        c.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).ShouldBe(["8080/tcp"]);
        Strings(config.RootElement.GetProperty("rootfs").GetProperty("diff_ids")).ShouldBe([image.DiffId]);
    }

    [Fact]
    public void WriteLayout_DiffIdAndLayerDigest_MatchGzipAndSha256sum()
    {
        using var temp = new TempDirectory();
        var image = new OciImageBuilder().AddTextFile("/etc/hello", "hi\n").WriteLayout(temp.File("layout"), "hello:1");
        var blob = OciImageBuilder.BlobPath(image.LayoutDirectory, image.Layer.Digest);

        ExternalTool.Shell($"sha256sum '{blob}'").Stdout.ShouldStartWith(image.Layer.Digest["sha256:".Length..]);
        ExternalTool.Shell($"gzip -dc '{blob}' | sha256sum").Stdout.ShouldStartWith(image.DiffId["sha256:".Length..]);
        new FileInfo(blob).Length.ShouldBe(image.Layer.Size);
        // Sorted, parents first, owned by 0/0, fixed time.
        var listing = ExternalTool.Shell($"tar -tvzf '{blob}' --numeric-owner --full-time").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        listing.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]).ShouldBe(["etc/", "etc/hello"]);
        listing.ShouldAllBe(l => l.Contains(" 0/0 ") && l.Contains("2024-01-01 00:00:00"));
    }

    [Fact]
    public void WriteLayout_FilesSymlinksDirectories_UmociUnpacksThemAsGiven()
    {
        using var temp = new TempDirectory();
        var script = temp.Write("host/run.sh", "#!/bin/sh\necho run\n");
        File.SetUnixFileMode(script, OciImageBuilder.ExecutableMode);
        var secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var privateDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var image = new OciImageBuilder
        {
            Entrypoint = ["/usr/bin/run.sh"],
            Cmd = ["--flag"],
            Env = ["PATH=/usr/bin", "GREETING=hello world"],
            WorkingDir = "/srv",
            User = "1000:1000",
        }
            .AddHostFile("/usr/bin/run.sh", script)
            .AddFile("/etc/secret", [1, 2, 3, 0, 255], secret)
            .AddSymlink("/usr/bin/start", "run.sh")
            .AddSymlink("/etc/absolute", "/usr/bin/run.sh")
            .AddDirectory("/var/empty", privateDir)
            .AddTextFile("/srv/deep/down/file.txt", "deep")
            .WriteLayout(temp.File("layout"), "example.test/app:2.0");

        var bundle = temp.File("bundle");
        ExternalTool.RunChecked("umoci", "unpack", "--rootless", "--image", $"{image.LayoutDirectory}:{image.Tag}", bundle);
        var rootfs = Path.Combine(bundle, "rootfs");
        File.ReadAllText(Path.Combine(rootfs, "usr/bin/run.sh")).ShouldBe("#!/bin/sh\necho run\n");
        File.GetUnixFileMode(Path.Combine(rootfs, "usr/bin/run.sh")).ShouldBe(OciImageBuilder.ExecutableMode);
        File.ReadAllBytes(Path.Combine(rootfs, "etc/secret")).ShouldBe([1, 2, 3, 0, 255]);
        File.GetUnixFileMode(Path.Combine(rootfs, "etc/secret")).ShouldBe(secret);
        new FileInfo(Path.Combine(rootfs, "usr/bin/start")).LinkTarget.ShouldBe("run.sh");
        new FileInfo(Path.Combine(rootfs, "etc/absolute")).LinkTarget.ShouldBe("/usr/bin/run.sh");
        File.GetUnixFileMode(Path.Combine(rootfs, "var/empty")).ShouldBe(privateDir);
        Directory.EnumerateFileSystemEntries(Path.Combine(rootfs, "var/empty")).ShouldBeEmpty();
        File.GetUnixFileMode(Path.Combine(rootfs, "srv/deep")).ShouldBe(OciImageBuilder.DirectoryMode);
        File.ReadAllText(Path.Combine(rootfs, "srv/deep/down/file.txt")).ShouldBe("deep");

        // umoci turns the image config into the runtime spec a container would run with.
        using var runtime = Json(File.ReadAllText(Path.Combine(bundle, "config.json")));
        var process = runtime.RootElement.GetProperty("process");
        Strings(process.GetProperty("args")).ShouldBe(["/usr/bin/run.sh", "--flag"]);
        Strings(process.GetProperty("env")).ShouldContain("GREETING=hello world");
        process.GetProperty("cwd").GetString().ShouldBe("/srv");
        process.GetProperty("user").GetProperty("uid").GetInt32().ShouldBe(1000);
    }

    [Fact]
    public void WriteLayout_SameInputsTwice_SameDigests()
    {
        using var temp = new TempDirectory();
        var first = TestImages.BusyboxHttpd("same").WriteLayout(temp.File("a"), "hull/httpd:v1");
        var second = TestImages.BusyboxHttpd("same").WriteLayout(temp.File("b"), "hull/httpd:v1");
        var other = TestImages.BusyboxHttpd("different").WriteLayout(temp.File("c"), "hull/httpd:v1");

        second.ManifestDigest.ShouldBe(first.ManifestDigest);
        second.Layer.ShouldBe(first.Layer);
        other.ManifestDigest.ShouldNotBe(first.ManifestDigest);
    }

    [Fact]
    public void WriteLayout_TwoTagsInOneLayout_EachReadableAndRewritingOneReplacesIt()
    {
        using var temp = new TempDirectory();
        var layout = temp.File("layout");
        TestImages.BusyboxHttpd("one").WriteLayout(layout, "hull/httpd:v1");
        var v2 = TestImages.BusyboxHttpd("two").WriteLayout(layout, "hull/httpd:v2");
        var v1 = TestImages.BusyboxHttpd("one again").WriteLayout(layout, "hull/httpd:v1");

        Digest(ExternalTool.RunChecked("skopeo", "inspect", v1.LayoutReference).Stdout).ShouldBe(v1.ManifestDigest);
        Digest(ExternalTool.RunChecked("skopeo", "inspect", v2.LayoutReference).Stdout).ShouldBe(v2.ManifestDigest);
        using var index = Json(File.ReadAllText(Path.Combine(layout, "index.json")));
        index.RootElement.GetProperty("manifests").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void WriteArchive_Layout_SkopeoReadsItAsOciArchiveWithContainerdName()
    {
        using var temp = new TempDirectory();
        var image = TestImages.BusyboxHttpd("archived").WriteLayout(temp.File("layout"), "127.0.0.1:5000/hull/httpd:v3");
        var archive = image.WriteArchive(temp.File("httpd.tar"));

        Digest(ExternalTool.RunChecked("skopeo", "inspect", $"oci-archive:{archive}:v3").Stdout).ShouldBe(image.ManifestDigest);
        var names = ExternalTool.RunChecked("tar", "-tf", archive).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        names.ShouldContain("oci-layout");
        names.ShouldContain("index.json");
        names.ShouldContain($"blobs/sha256/{image.ManifestDigest["sha256:".Length..]}");
        using var index = Json(ExternalTool.RunChecked("tar", "-xOf", archive, "index.json").Stdout);
        var annotations = index.RootElement.GetProperty("manifests")[0].GetProperty("annotations");
        annotations.GetProperty("io.containerd.image.name").GetString().ShouldBe("127.0.0.1:5000/hull/httpd:v3");
        annotations.GetProperty("org.opencontainers.image.ref.name").GetString().ShouldBe("v3");
    }

    [Fact]
    public void AddFile_PathLeavingTheRoot_IsRefusedNamingIt()
    {
        Should.Throw<ArgumentException>(() => new OciImageBuilder().AddTextFile("/etc/../../x", "")).Message.ShouldContain("/etc/../../x");
    }

    private static JsonDocument Json(string text) => JsonDocument.Parse(Encoding.UTF8.GetBytes(text));

    private static string Digest(string skopeoInspect)
    {
        using var doc = Json(skopeoInspect);
        return doc.RootElement.GetProperty("Digest").GetString()!;
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
