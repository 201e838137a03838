using Hull.Builder.Tools;
using Hull.Gpt;

namespace Hull.Builder.Disk;

/// <summary>Writes the GPT disk image: the table, then each partition's contents at its offset; unwritten space stays sparse.</summary>
internal static class DiskImage
{
    public static void Write(string output, string version, IReadOnlyDictionary<string, string> contents)
    {
        var partitions = DiskLayout.Plan(version);
        File.Delete(output);
        using var disk = new FileStream(output, FileMode.CreateNew, FileAccess.ReadWrite);
        disk.SetLength(DiskLayout.DiskSize);
        GptWriter.Write(disk, DiskLayout.DiskSize, DiskLayout.GuidFor(version, "disk"), partitions);
        foreach (var (name, file) in contents)
        {
            var partition = partitions.Single(p => p.Name == name);
            var length = new FileInfo(file).Length;
            if (length > partition.SizeBytes)
            {
                throw new ToolException($"{Path.GetFileName(file)} ({length / DiskLayout.MiB} MiB) does not fit partition {name} ({partition.SizeBytes / DiskLayout.MiB} MiB)");
            }

            disk.Position = partition.FirstLba * GptLayout.SectorSize;
            using var source = File.OpenRead(file);
            source.CopyTo(disk, 1 << 20);
        }
    }
}
