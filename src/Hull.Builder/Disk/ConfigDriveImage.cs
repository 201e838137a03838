using System.Globalization;
using Hull.Builder.Tools;

namespace Hull.Builder.Disk;

/// <summary>
/// A config drive: a small FAT disk (no partition table) labelled HULLDATA with the user data as
/// user-data at its root, which the host reads on first boot when QEMU's fw_cfg has none.
/// Made with mkfs.vfat and mtools: no loop mount, and this build machine's kernel has no vfat.
/// </summary>
internal static class ConfigDriveImage
{
    public const string Label = "HULLDATA";

    public static async Task BuildAsync(string userData, string output, CancellationToken cancellationToken)
    {
        File.Delete(output);

        // FAT12 fits a floppy's 1440 KiB; room for the file plus the file system's own few sectors.
        var kib = Math.Max(1440, (new FileInfo(userData).Length / 1024) + 256);
        await Tool.RunAsync("mkfs.vfat", ["-n", Label, "-i", "48554c4d", "-C", output, kib.ToString(CultureInfo.InvariantCulture)], cancellationToken: cancellationToken).ConfigureAwait(false);
        await Tool.RunAsync("mcopy", ["-i", output, userData, "::/user-data"], cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
