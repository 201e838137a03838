namespace Hull.Gpt;

/// <summary>Which of the two on-disk copies a table was read from.</summary>
internal enum GptHeaderCopy
{
    /// <summary>The primary header at LBA 1.</summary>
    Primary,

    /// <summary>The backup header at the last LBA of the disk.</summary>
    Backup,
}
