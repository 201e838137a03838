namespace Hull.Gpt;

/// <summary>One used entry of the partition entry array.</summary>
/// <param name="Name">Label, at most <see cref="GptLayout.MaxNameLength"/> UTF-16 code units.</param>
/// <param name="TypeGuid">Partition type; <see cref="Guid.Empty"/> marks an unused entry and is not allowed here.</param>
/// <param name="UniqueGuid">Per-partition GUID (PARTUUID).</param>
/// <param name="FirstLba">First sector of the partition.</param>
/// <param name="LastLba">Last sector of the partition, inclusive.</param>
/// <param name="Attributes">Attribute bits (bit 0 required, bit 2 legacy BIOS bootable, 48-63 type specific).</param>
internal sealed record GptPartition(
    string Name,
    Guid TypeGuid,
    Guid UniqueGuid,
    long FirstLba,
    long LastLba,
    ulong Attributes = 0)
{
    /// <summary>
    /// 1-based slot in the entry array (the N in /dev/sdaN). 0 means "its position in the list
    /// handed to the writer"; the reader and the planner always fill it in, so a table with
    /// gaps keeps its numbering through a read-modify-write.
    /// </summary>
    public int Number { get; init; }

    /// <summary>Number of sectors the partition spans.</summary>
    public long SectorCount => LastLba - FirstLba + 1;

    /// <summary>Size in bytes.</summary>
    public long SizeBytes => SectorCount * GptLayout.SectorSize;
}
