namespace Hull.Gpt;

/// <summary>
/// Runs on the host at boot: when the disk is larger than the image that was written to it,
/// moves the backup GPT to the new end and extends the last partition up to it.
/// </summary>
internal static class GptGrower
{
    /// <summary>
    /// Grows the last partition of the GPT on <paramref name="disk"/> to fill <paramref name="diskSizeBytes"/>.
    /// Returns the table now on disk; does nothing when the table already ends at the end of the disk.
    /// </summary>
    public static GptTable GrowLastPartition(Stream disk, long diskSizeBytes)
    {
        var table = GptReader.Read(disk, diskSizeBytes);
        if (table.EndsAt(diskSizeBytes))
        {
            return table;
        }

        var grown = table.WithLastPartitionGrownTo(diskSizeBytes);
        GptWriter.Write(disk, diskSizeBytes, grown);

        // The old backup header now sits in free space (or inside the grown partition, beyond its
        // filesystem); wipe it so no tool later finds a stale but valid-looking GPT there.
        if (table.BackupHeaderLba > table.LastUsableLba && table.BackupHeaderLba < grown.BackupHeaderLba)
        {
            GptWriter.ZeroSector(disk, table.BackupHeaderLba);
        }

        return grown;
    }
}
