using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Oci;

namespace Hull.Core.Tests.Containerd;

/// <summary>
/// A two-layer image (OciImageBuilder makes one layer): the busybox httpd image plus an
/// uncompressed second layer holding /www/second.txt, so unpacking has to stack a child on its
/// parent. The manifest, config and index.json are rewritten by hand around the extra layer.
/// </summary>
internal static class TwoLayerImage
{
    public const string SecondFileText = "from the second layer\n";

    // The default encoder writes "+" as \u002B, and containerd 1.6 then fails to parse the config's "created" time.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes the image into the layout <paramref name="directory"/> under <paramref name="name"/>;
    /// returns its manifest and config digests and both real diff IDs. <paramref name="firstDiffIdClaim"/>
    /// replaces the first layer's diff ID in the config (a lying image).
    /// </summary>
    public static (string ManifestDigest, string ConfigDigest, string[] DiffIds) Write(string directory, string name, int port, string? firstDiffIdClaim = null)
    {
        var first = Hull.Testing.Oci.TestImages.BusyboxHttpd("two layers", port).WriteLayout(directory, name);

        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            using var text = new MemoryStream(Encoding.UTF8.GetBytes(SecondFileText));
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "www/second.txt") { Mode = OciImageBuilder.RegularMode, DataStream = text });
        }

        var layer = buffer.ToArray();
        var layerDigest = Store(directory, layer);

        var config = JsonNode.Parse(File.ReadAllBytes(OciImageBuilder.BlobPath(directory, first.Config.Digest)))!;
        config["rootfs"]!["diff_ids"]!.AsArray().Add(layerDigest);
        if (firstDiffIdClaim is not null)
        {
            config["rootfs"]!["diff_ids"]![0] = firstDiffIdClaim;
        }

        var configBytes = Encoding.UTF8.GetBytes(config.ToJsonString(Json));
        var configDigest = Store(directory, configBytes);

        var manifest = JsonNode.Parse(File.ReadAllBytes(OciImageBuilder.BlobPath(directory, first.ManifestDigest)))!;
        manifest["config"]!["digest"] = configDigest;
        manifest["config"]!["size"] = configBytes.Length;
        manifest["layers"]!.AsArray().Add(new JsonObject
        {
            ["mediaType"] = "application/vnd.oci.image.layer.v1.tar",
            ["digest"] = layerDigest,
            ["size"] = layer.Length,
        });
        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString(Json));
        var manifestDigest = Store(directory, manifestBytes);

        File.WriteAllText(Path.Combine(directory, "index.json"), $$$"""
            {"schemaVersion":2,"manifests":[{"mediaType":"{{{OciMediaTypes.Manifest}}}","digest":"{{{manifestDigest}}}","size":{{{manifestBytes.Length}}},"annotations":{"io.containerd.image.name":"{{{name}}}"}}]}
            """);
        return (manifestDigest, configDigest, [first.DiffId, layerDigest]);
    }

    private static string Store(string directory, byte[] blob)
    {
        var digest = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(blob))}";
        File.WriteAllBytes(OciImageBuilder.BlobPath(directory, digest), blob);
        return digest;
    }
}
