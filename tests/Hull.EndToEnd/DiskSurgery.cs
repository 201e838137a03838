using Hull.Builder.Boot;
using Hull.Builder.Build;
using Hull.Builder.Disk;

namespace Hull.EndToEnd;

/// <summary>Makes damaged copies of the built disk for the refusal tests, with real tools where the change is a file system's.</summary>
internal static class DiskSurgery
{

    /// <summary>A sparse copy of the build's disk in <paramref name="directory"/>.</summary>
    public static string CopyDisk(BuildManifest build, string directory)
    {
        var copy = Path.Combine(directory, "disk.img");
        Run("cp", "--sparse=always", build.Disk, copy);
        return copy;
    }

    /// <summary>Replaces the slot A UKI on the copy's ESP with the same UKI stripped of its signature.</summary>
    public static void InstallUnsignedUki(BuildManifest build, string disk, string directory)
    {
        var unsigned = Path.Combine(directory, "unsigned.efi");
        File.Copy(build.UkiA, unsigned);
        Run("sbattach", "--remove", unsigned);
        var espOffset = DiskLayout.Plan(build.Version).Single(p => p.Name == "ESP").FirstLba * 512;
        Run("mcopy", "-o", "-i", $"{disk}@@{espOffset}", unsigned, $"::/EFI/Linux/{EspImage.EntryName(build.Version, 'a')}");
    }

    /// <summary>Flips one byte at <paramref name="offset"/> of the partition that starts at <paramref name="partitionOffset"/>.</summary>
    public static void FlipByte(string disk, long partitionOffset, long offset)
    {
        using var stream = new FileStream(disk, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = partitionOffset + offset;
        var b = stream.ReadByte();
        stream.Position = partitionOffset + offset;
        stream.WriteByte((byte)(b ^ 0x01));
    }

    private static void Run(string tool, params string[] args) => ExternalTool.RunChecked(tool, args);
}
