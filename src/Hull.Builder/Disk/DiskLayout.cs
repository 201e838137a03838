using System.Security.Cryptography;
using System.Text;
using Hull.Gpt;

namespace Hull.Builder.Disk;

/// <summary>
/// Hull's partition table: ESP, ROOT-A, ROOT-B, STATE, DATA. GUIDs derive from the version so
/// equal inputs give an equal image. DATA is small here; the host grows it to fill its disk.
/// </summary>
internal static class DiskLayout
{
    public const long MiB = 1024 * 1024;
    public const long EspSize = 128 * MiB;     // three ~20 MB UKIs fit with room to spare
    public const long RootSize = 256 * MiB;    // erofs + verity tree, with room for growth across updates
    public const long StateSize = 64 * MiB;
    public const long DataSize = 64 * MiB;     // grown on first boot
    public const long DiskSize = MiB + EspSize + (2 * RootSize) + StateSize + DataSize + MiB;

    public static IReadOnlyList<GptPartition> Plan(string version) => GptPlanner.Plan(DiskSize,
    [
        GptPartitionRequest.Fixed("ESP", GptPartitionTypes.EfiSystem, GuidFor(version, "ESP"), EspSize),
        GptPartitionRequest.Fixed("ROOT-A", GptPartitionTypes.LinuxRootX86_64, GuidFor(version, "ROOT-A"), RootSize),
        GptPartitionRequest.Fixed("ROOT-B", GptPartitionTypes.LinuxRootX86_64, GuidFor(version, "ROOT-B"), RootSize),
        GptPartitionRequest.Fixed("STATE", GptPartitionTypes.LinuxFilesystem, GuidFor(version, "STATE"), StateSize),
        GptPartitionRequest.RestOfDisk("DATA", GptPartitionTypes.LinuxFilesystem, GuidFor(version, "DATA")),
    ]);

    /// <summary>A stable GUID for a name (SHA-256 of it, shaped as an RFC 4122 version-4 GUID).</summary>
    public static Guid GuidFor(string version, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"hull/{version}/{name}"));
        hash[7] = (byte)((hash[7] & 0x0f) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
