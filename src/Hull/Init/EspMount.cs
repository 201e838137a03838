using Hull.Interop;
using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// The EFI system partition at /efi, read-write for root only: the updater installs and renames UKIs there,
/// and boot assessment blesses the entry this boot came from. FAT has no journal, so it is mounted with
/// <c>flush</c> (writes go out early) and <c>dirsync</c> (a rename writes the file's new entry, size and first cluster
/// included, before it returns), unmounted first at shutdown, and repaired before the mount when the last one
/// did not end cleanly (<see cref="EspCheck"/>).
/// </summary>
internal static class EspMount
{
    public const string MountPoint = "/efi";
    public const string PartitionName = "ESP";

    /// <summary>Mounts the ESP; false (and says why on <paramref name="console"/>) when there is none or it will not mount.</summary>
    public static bool Mount(TextWriter console)
    {
        var device = BlockDevices.FindPartition(PartitionName);
        if (device is null)
        {
            console.WriteLine($"hull: init: no {PartitionName} partition: updates and boot assessment are off");
            return false;
        }

        try
        {
            EspCheck.RepairIfDirty(device, console);
            Libc.Mount(device, MountPoint, "vfat", Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC | Libc.MS_DIRSYNC, "umask=0077,flush,errors=remount-ro");
            return true;
        }
        catch (IOException e)
        {
            console.WriteLine($"hull: init: {e.Message}: updates and boot assessment are off");
            return false;
        }
    }
}
