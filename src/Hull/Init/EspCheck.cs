using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// FAT has no journal: a power cut while the ESP is mounted read-write (the updater staging a UKI, boot assessment
/// renaming an entry) can leave its allocation table and folders disagreeing, and the next file written there would
/// then be damaged. Linux marks the volume dirty in its boot sector when it mounts it and clean when it unmounts it,
/// so a dirty mark at boot means the last mount did not end cleanly: fsck.fat repairs the volume before it is mounted.
/// </summary>
internal static class EspCheck
{
    public const string FsckFat = "/usr/sbin/fsck.fat";

    // The "state" byte Linux keeps in the boot sector's reserved field (FAT_STATE_DIRTY is its bit 0).
    private const int Fat32StateOffset = 0x41;
    private const int Fat16StateOffset = 0x25;
    private const byte DirtyBit = 0x01;

    /// <summary>Whether the boot sector carries the dirty mark; FAT32 keeps it at 0x41, FAT12 and FAT16 at 0x25.</summary>
    public static bool IsDirty(ReadOnlySpan<byte> bootSector)
    {
        if (bootSector.Length < 512 || bootSector[510] != 0x55 || bootSector[511] != 0xAA)
        {
            return false;
        }

        // A zero 16-bit FAT size (bytes 22-23) is how FAT32 says its FAT size is in the FAT32 fields.
        var fat32 = bootSector[22] == 0 && bootSector[23] == 0;
        return (bootSector[fat32 ? Fat32StateOffset : Fat16StateOffset] & DirtyBit) != 0;
    }

    /// <summary>Runs fsck.fat (automatic repair) on <paramref name="device"/> when its last mount did not end cleanly; says what it did.</summary>
    public static void RepairIfDirty(string device, TextWriter console, string fsck = FsckFat)
    {
        var bootSector = new byte[512];
        using (var stream = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1))
        {
            stream.ReadExactly(bootSector);
        }

        if (!IsDirty(bootSector))
        {
            return;
        }

        int exitCode;
        string output;
        string errors;
        try
        {
            (exitCode, output, errors) = ToolProcess.Run(fsck, "-a", "-w", device);
        }
        catch (IOException e)
        {
            console.WriteLine($"hull: init: the ESP ({device}) was not unmounted cleanly, and it cannot be checked: {e.Message}");
            return;
        }

        console.WriteLine(exitCode is 0 or 1
            ? $"hull: init: the ESP ({device}) was not unmounted cleanly; fsck.fat checked and repaired it:"
            : $"hull: init: the ESP ({device}) was not unmounted cleanly, and fsck.fat failed (exit {exitCode}):");
        foreach (var line in Report(output, errors))
        {
            console.WriteLine($"hull: init:   {line}");
        }
    }

    // What fsck.fat found and did, without its banner and without its notes that it has no iconv code pages (the image
    // carries none; the ESP's names are ASCII).
    private static IEnumerable<string> Report(string output, string errors) =>
        (output + "\n" + errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("fsck.fat ", StringComparison.Ordinal)
                && !l.StartsWith("Using internal CP", StringComparison.Ordinal)
                && !l.StartsWith("Cannot initialize conversion", StringComparison.Ordinal));
}
