using Hull.Interop;

namespace Hull.Stage1;

/// <summary>
/// The build's one-off boot in the firmware's Setup Mode: writes the image's db, KEK and PK
/// (PK last: it ends Setup Mode) into efivarfs, then powers off cleanly so OVMF saves them.
/// </summary>
internal static class KeyEnrollment
{
    private const string EfiVars = "/sys/firmware/efi/efivars";
    private const string GlobalVariableGuid = "8be4df61-93ca-11d2-aa0d-00e098032b8c";
    private const string ImageSecurityDatabaseGuid = "d719b2cb-3d3a-4596-a3bc-dad00e67656f";

    // NON_VOLATILE | BOOTSERVICE_ACCESS | RUNTIME_ACCESS | TIME_BASED_AUTHENTICATED_WRITE_ACCESS
    private const uint Attributes = 0x27;

    public static int Run()
    {
        try
        {
            Platform.ModuleLoader.LoadAll("/usr/lib/hull/modules.load");
            Libc.Mount("efivarfs", EfiVars, "efivarfs", Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC);
            Write("db", ImageSecurityDatabaseGuid);
            Write("KEK", GlobalVariableGuid);
            Write("PK", GlobalVariableGuid);
            Console.WriteLine("hull: enroll: done");
        }
        catch (Exception e)
        {
            Console.WriteLine($"hull: enroll: FAILED: {e.Message}");
        }

        Libc.Reboot(Libc.RB_POWER_OFF);
        return 0;
    }

    private static void Write(string name, string guid)
    {
        var auth = File.ReadAllBytes($"/enroll/{name}.auth");
        var data = new byte[4 + auth.Length];
        BitConverter.TryWriteBytes(data, Attributes);
        auth.CopyTo(data, 4);

        // efivarfs takes a variable in a single write(): no buffering.
        using var stream = new FileStream($"{EfiVars}/{name}-{guid}", FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        stream.Write(data);
        Console.WriteLine($"hull: enroll: wrote {name} ({auth.Length} bytes)");
    }
}
