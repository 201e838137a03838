using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// On first boot, copies the platform's user data to STATE, where the services read it; later
/// boots keep the copy, as Bottlerocket does. Sources are asked in order and the first that has
/// user data wins: QEMU fw_cfg (opt/hull/user-data), then a config drive (<see cref="ConfigDrive"/>).
/// Beside the copy go its origin and, when the winning source could not be read, the reason,
/// so GET /user-data can tell both.
/// </summary>
internal static class UserDataImport
{
    public const string FwCfgEntry = "/sys/firmware/qemu_fw_cfg/by_name/opt/hull/user-data/raw";

    /// <summary>The platform's sources, in the order they win.</summary>
    public static IReadOnlyList<Func<PlatformUserData?>> PlatformSources() => [FromFwCfg, ConfigDrive.Read];

    /// <summary>Where the origin of <paramref name="stateCopy"/> is kept ("QEMU fw_cfg ...", "config drive ...").</summary>
    public static string OriginFile(string stateCopy) => Path.ChangeExtension(stateCopy, ".source");

    /// <summary>Where the reason is kept when the user data could not be read at all.</summary>
    public static string ErrorFile(string stateCopy) => Path.ChangeExtension(stateCopy, ".error");

    public static void ImportOnFirstBoot(IReadOnlyList<Func<PlatformUserData?>> sources, string stateCopy, TextWriter console)
    {
        if (File.Exists(stateCopy) || File.Exists(ErrorFile(stateCopy)))
        {
            return;
        }

        PlatformUserData? chosen = null;
        foreach (var source in sources)
        {
            if (source() is not { } found)
            {
                continue;
            }

            if (chosen is null)
            {
                chosen = found;
            }
            else
            {
                console.WriteLine($"hull: init: ignoring the user data on {found.Origin}: {chosen.Origin} comes first");
            }
        }

        if (chosen is null)
        {
            console.WriteLine("hull: init: no user data from the platform; using defaults");
            return;
        }

        WritePrivately(OriginFile(stateCopy), System.Text.Encoding.UTF8.GetBytes(chosen.Origin + "\n"));
        if (chosen.Bytes is null)
        {
            // Like invalid user data: nothing applies, the host runs with its defaults, and the API says why.
            WritePrivately(ErrorFile(stateCopy), System.Text.Encoding.UTF8.GetBytes($"{chosen.Origin}: {chosen.Error}\n"));
            console.WriteLine($"hull: user data: {chosen.Origin}: {chosen.Error}");
            console.WriteLine("hull: user data: NOT applied (nothing of it); the host runs with its defaults");
            return;
        }

        WritePrivately(stateCopy, chosen.Bytes);
        console.WriteLine($"hull: init: imported {chosen.Bytes.Length} bytes of user data from {chosen.Origin}");
        BootTimeline.Mark("init.user-data-imported");
    }

    private static PlatformUserData? FromFwCfg() =>
        File.Exists(FwCfgEntry) ? new PlatformUserData("QEMU fw_cfg opt/hull/user-data", File.ReadAllBytes(FwCfgEntry)) : null;

    private static void WritePrivately(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }
}
