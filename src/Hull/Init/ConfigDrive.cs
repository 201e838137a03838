using Hull.Interop;
using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// User data on a config drive: a small vfat or ISO 9660 disk whose file system is labelled
/// HULLDATA, with the file user-data (TOML, or gzip of it) at its root. It is found by reading
/// each block device's label (no udev or blkid on the host), mounted read-only, read and unmounted.
/// An ISO 9660 drive needs Rock Ridge or Joliet names (genisoimage -r -J), or the file is USER_DAT.
/// </summary>
internal static class ConfigDrive
{
    public const string Label = "HULLDATA";
    public const string FileName = "user-data";
    private const string MountPoint = "/run/hull/config-drive";

    /// <summary>The drive's user data, why it could not be read, or null when there is no drive.</summary>
    public static PlatformUserData? Read()
    {
        if (BlockDevices.FindByFileSystemLabel(Label) is not var (device, fileSystem))
        {
            return null;
        }

        var origin = $"config drive {Label} ({device}, {fileSystem.Type})";
        Directory.CreateDirectory(MountPoint);
        try
        {
            Libc.Mount(device, MountPoint, fileSystem.Type, Libc.MS_RDONLY | Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC);
        }
        catch (IOException e)
        {
            return new PlatformUserData(origin, null, $"could not mount it: {e.Message}");
        }

        try
        {
            var file = Path.Combine(MountPoint, FileName);
            if (!File.Exists(file))
            {
                return new PlatformUserData(origin, null, $"no file named {FileName} at its root");
            }

            var length = new FileInfo(file).Length;
            return length > Settings.UserDataSettings.MaxBytes
                ? new PlatformUserData(origin, null, $"{FileName} is {length} bytes, more than the {Settings.UserDataSettings.MaxBytes} user data may have")
                : new PlatformUserData(origin, File.ReadAllBytes(file));
        }
        catch (IOException e)
        {
            return new PlatformUserData(origin, null, $"could not read {FileName}: {e.Message}");
        }
        finally
        {
            try
            {
                Libc.Unmount(MountPoint);
            }
            catch (IOException)
            {
                // Read-only and never written: a mount left behind harms nothing.
            }
        }
    }
}
