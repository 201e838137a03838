using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace Hull.Testing.Containerd;

/// <summary>
/// Small OCI images made on the spot from Debian's static busybox, for a containerd with no
/// registry in reach: a pause image (the CRI sandbox) and a busybox image for workloads. Both share
/// one uncompressed layer; only their configs differ.
/// </summary>
public static class TestImages
{
    private const string Busybox = "/bin/busybox";

    /// <summary>The sandbox image the test containerd is configured with.</summary>
    public const string Pause = "hull.test/pause:1";

    /// <summary>A shell and the usual tools (sh, echo, cat, sleep, id, grep, touch ...).</summary>
    public const string Shell = "hull.test/busybox:1";

    private static readonly string[] Applets = ["sh", "echo", "cat", "sleep", "id", "grep", "touch", "ls", "env", "true", "false"];

    /// <summary>Writes an OCI image-layout tar holding both images to <paramref name="path"/> (for ContainerdDaemon.ImportAsync).</summary>
    public static string WriteArchive(string path)
    {
        File.Exists(Busybox).ShouldBeTrue("a static busybox is missing: run ./hull setup (it installs busybox-static)");
        var blobs = new Dictionary<string, byte[]>();
        var layer = Layer();
        var layerDigest = Add(blobs, layer);

        var manifests = new List<string>();
        // The sandbox only has to stay alive: containerd stops it with SIGKILL.
        foreach (var (reference, entrypoint) in (ReadOnlySpan<(string, string)>)[(Pause, "\"/bin/sleep\", \"2147483647\""), (Shell, "\"/bin/sh\"")])
        {
            var config = Encoding.UTF8.GetBytes($$$"""
                {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Entrypoint":[{{{entrypoint}}}],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["{{{layerDigest}}}"]}}
                """);
            var manifest = Encoding.UTF8.GetBytes($$$"""
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{Add(blobs, config)}}}","size":{{{config.Length}}} },"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"{{{layerDigest}}}","size":{{{layer.Length}}} }]}
                """);
            // containerd's importer names the image after this annotation.
            manifests.Add($$"""
                {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{Add(blobs, manifest)}}","size":{{manifest.Length}},"annotations":{"io.containerd.image.name":"{{reference}}" } }
                """);
        }

        var index = $$"""{"schemaVersion":2,"manifests":[{{string.Join(',', manifests)}}]}""";
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Pax);
        AddFile(tar, "oci-layout", Encoding.UTF8.GetBytes("""{"imageLayoutVersion":"1.0.0"}"""));
        AddFile(tar, "index.json", Encoding.UTF8.GetBytes(index));
        foreach (var (digest, content) in blobs)
        {
            AddFile(tar, $"blobs/sha256/{digest["sha256:".Length..]}", content);
        }

        return path;
    }

    private static byte[] Layer()
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var folder in (string[])["bin/", "etc/", "tmp/"])
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder) { Mode = (UnixFileMode)0b111_101_101 });
            }

            using var busybox = File.OpenRead(Busybox);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = (UnixFileMode)0b111_101_101, DataStream = busybox });
            foreach (var applet in Applets)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox" });
            }
        }

        return buffer.ToArray();
    }

    private static string Add(Dictionary<string, byte[]> blobs, byte[] content)
    {
        var digest = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))}";
        blobs[digest] = content;
        return digest;
    }

    private static void AddFile(TarWriter tar, string name, byte[] content)
    {
        using var data = new MemoryStream(content);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0b110_100_100, DataStream = data });
    }
}
