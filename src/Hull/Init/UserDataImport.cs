using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// On first boot, copies the platform's user data (QEMU fw_cfg entry opt/hull/user-data) to
/// STATE, where the services read it; later boots keep the copy, as Bottlerocket does.
/// </summary>
internal static class UserDataImport
{
    public const string FwCfgEntry = "/sys/firmware/qemu_fw_cfg/by_name/opt/hull/user-data/raw";

    public static void ImportOnFirstBoot(string source, string stateCopy, TextWriter console)
    {
        if (File.Exists(stateCopy))
        {
            return;
        }

        if (!File.Exists(source))
        {
            console.WriteLine("hull: init: no user data from the platform; using defaults");
            return;
        }

        var bytes = File.ReadAllBytes(source);
        var temp = stateCopy + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, stateCopy);
        console.WriteLine($"hull: init: imported {bytes.Length} bytes of user data from QEMU fw_cfg");
        BootTimeline.Mark("init.user-data-imported");
    }
}
