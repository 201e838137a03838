using System.Text.Json;
using Hull.Builder.Build;

namespace Hull.Builder.Tests.Build;

public sealed class BuildManifestTests
{
    private static readonly BuildManifest Sample = new(
        "1.4.2", "default", "x86_64", "3fa9c1d0", "6.1.0-99-cloud-amd64", new string('a', 64),
        "/out/disk.img", "/out/root.img", "/out/vmlinuz", "/out/initramfs.img", "/out/cmdline-a.txt", "/out/cmdline-b.txt",
        "/out/uki-a.efi", "/out/uki-b.efi", "/out/OVMF_VARS.fd",
        807403520, 31457280, 31711232, 20971520, 4194304, 12582912);

    [Fact]
    public void Serialize_ThenDeserialize_GivesTheSameManifest()
    {
        var json = JsonSerializer.Serialize(Sample, BuildJsonContext.Default.BuildManifest);

        JsonSerializer.Deserialize(json, BuildJsonContext.Default.BuildManifest).ShouldBe(Sample);
    }

    [Fact]
    public void Serialize_AnyManifest_UsesSnakeCaseNames()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Sample, BuildJsonContext.Default.BuildManifest));

        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(
        [
            "version", "variant", "arch", "build_id", "kernel_version", "root_hash", "disk", "root_image", "kernel", "initramfs",
            "command_line_a", "command_line_b", "uki_a", "uki_b", "ovmf_vars", "disk_bytes", "root_erofs_bytes", "root_partition_bytes",
            "uki_bytes", "initramfs_bytes", "hull_binary_bytes",
        ]);
        json.RootElement.GetProperty("disk_bytes").GetInt64().ShouldBe(807403520);
        json.RootElement.GetProperty("kernel_version").GetString().ShouldBe("6.1.0-99-cloud-amd64");
    }

    [Fact]
    public void Deserialize_HandWrittenSnakeCaseJson_ReadsEveryField()
    {
        var json = """
            {
              "version": "1.4.2", "variant": "default", "arch": "x86_64", "build_id": "3fa9c1d0", "kernel_version": "6.1.0-99-cloud-amd64",
              "root_hash": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
              "disk": "/out/disk.img", "root_image": "/out/root.img", "kernel": "/out/vmlinuz", "initramfs": "/out/initramfs.img",
              "command_line_a": "/out/cmdline-a.txt", "command_line_b": "/out/cmdline-b.txt",
              "uki_a": "/out/uki-a.efi", "uki_b": "/out/uki-b.efi", "ovmf_vars": "/out/OVMF_VARS.fd",
              "disk_bytes": 807403520, "root_erofs_bytes": 31457280, "root_partition_bytes": 31711232,
              "uki_bytes": 20971520, "initramfs_bytes": 4194304, "hull_binary_bytes": 12582912
            }
            """;

        JsonSerializer.Deserialize(json, BuildJsonContext.Default.BuildManifest).ShouldBe(Sample);
    }
}
