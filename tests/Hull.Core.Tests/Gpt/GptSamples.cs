using Hull.Core.Tests.TestSupport;
using Hull.Gpt;

namespace Hull.Core.Tests.Gpt;

/// <summary>A Hull-like layout with fixed GUIDs, shared by the GPT tests.</summary>
internal static class GptSamples
{
    public const long MiB = 1024 * 1024;

    public static readonly Guid DiskGuid = new("11223344-5566-7788-99AA-BBCCDDEEFF00");

    public static IReadOnlyList<GptPartitionRequest> Requests { get; } =
    [
        GptPartitionRequest.Fixed("EFI System", GptPartitionTypes.EfiSystem, new("0A0A0A0A-0000-4000-8000-000000000001"), 64 * MiB),
        GptPartitionRequest.Fixed("root-a", GptPartitionTypes.LinuxRootX86_64, new("0A0A0A0A-0000-4000-8000-000000000002"), 100 * MiB, attributes: 1UL << 60),
        GptPartitionRequest.Fixed("verity-a", GptPartitionTypes.LinuxRootVerityX86_64, new("0A0A0A0A-0000-4000-8000-000000000003"), (8 * MiB) + 4096),
        GptPartitionRequest.RestOfDisk("data", GptPartitionTypes.LinuxFilesystem, new("0A0A0A0A-0000-4000-8000-000000000004")),
    ];

    /// <summary>The sample layout planned for a disk of <paramref name="sizeBytes"/>.</summary>
    public static IReadOnlyList<GptPartition> Plan(long sizeBytes) => GptPlanner.Plan(sizeBytes, Requests);

    /// <summary>Creates a sparse image of <paramref name="sizeBytes"/> holding the sample layout.</summary>
    public static TempDisk WriteImage(long sizeBytes)
    {
        var disk = TempDisk.Create(sizeBytes);
        using var stream = disk.Open();
        GptWriter.Write(stream, sizeBytes, DiskGuid, Plan(sizeBytes));
        return disk;
    }
}
