namespace Hull.Gpt;

/// <summary>What the caller wants from <see cref="GptPlanner"/>: a partition of a given size, or the rest of the disk.</summary>
/// <param name="Name">Label, at most <see cref="GptLayout.MaxNameLength"/> UTF-16 code units.</param>
/// <param name="TypeGuid">Partition type.</param>
/// <param name="UniqueGuid">Per-partition GUID; callers pass it so builds are reproducible.</param>
/// <param name="SizeBytes">Size, rounded up to whole sectors; <c>null</c> takes the rest of the disk (last request only).</param>
/// <param name="Attributes">Attribute bits.</param>
internal readonly record struct GptPartitionRequest(
    string Name,
    Guid TypeGuid,
    Guid UniqueGuid,
    long? SizeBytes,
    ulong Attributes = 0)
{
    /// <summary>A partition of a fixed size.</summary>
    public static GptPartitionRequest Fixed(string name, Guid typeGuid, Guid uniqueGuid, long sizeBytes, ulong attributes = 0)
        => new(name, typeGuid, uniqueGuid, sizeBytes, attributes);

    /// <summary>A partition that takes whatever is left up to the last usable sector.</summary>
    public static GptPartitionRequest RestOfDisk(string name, Guid typeGuid, Guid uniqueGuid, ulong attributes = 0)
        => new(name, typeGuid, uniqueGuid, null, attributes);
}
