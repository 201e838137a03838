using System.Globalization;
using Hull.Gpt;
using Hull.Interop;

namespace Hull.Init;

/// <summary>
/// DATA is the last partition and the image ships it small: when the disk is bigger than the
/// partition table says (first boot, or a disk grown later), move the backup GPT to the end,
/// extend DATA to fill the disk and tell the kernel. The GPT writer writes the backup copy
/// first, so a power cut leaves one valid table.
/// </summary>
internal static class DataPartitionGrower
{
    /// <summary>Grows the partition at <paramref name="partitionDevice"/> if it is last and the disk has room; returns true when it grew.</summary>
    public static bool GrowToFillDisk(string partitionDevice, TextWriter console)
    {
        var name = Path.GetFileName(partitionDevice);
        var sysPartition = new DirectoryInfo($"/sys/class/block/{name}");
        var diskName = (sysPartition.ResolveLinkTarget(returnFinalTarget: true) as DirectoryInfo ?? sysPartition).Parent!.Name;
        var disk = "/dev/" + diskName;
        var diskBytes = long.Parse(File.ReadAllText($"/sys/class/block/{diskName}/size").Trim(), CultureInfo.InvariantCulture) * 512;
        var number = int.Parse(File.ReadAllText($"/sys/class/block/{name}/partition").Trim(), CultureInfo.InvariantCulture);

        GptTable table;
        using (var stream = new FileStream(disk, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1))
        {
            var before = GptReader.Read(stream, diskBytes);
            if (before.EndsAt(diskBytes))
            {
                return false;
            }

            if (before.Partitions.MaxBy(p => p.LastLba)?.Number != number)
            {
                console.WriteLine($"hull: init: {partitionDevice} is not the last partition of {disk}; not growing it");
                return false;
            }

            table = GptGrower.GrowLastPartition(stream, diskBytes);
            stream.Flush(flushToDisk: true);
        }

        var grown = table.Partitions.Single(p => p.Number == number);
        Libc.ResizePartition(disk, number, grown.FirstLba * 512, grown.SizeBytes);
        console.WriteLine($"hull: init: grew {partitionDevice} to {grown.SizeBytes / (1024 * 1024)} MiB to fill {disk}");
        return true;
    }
}
