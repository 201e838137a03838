namespace Hull.Gpt;

/// <summary>Everything that can be wrong with a GPT copy on disk.</summary>
internal enum GptErrorKind
{
    /// <summary>The header sector does not start with "EFI PART".</summary>
    MissingSignature,

    /// <summary>HeaderSize is below 92 or larger than a sector.</summary>
    BadHeaderSize,

    /// <summary>The header CRC32 does not match its contents.</summary>
    HeaderCrcMismatch,

    /// <summary>MyLBA does not name the sector the header was read from.</summary>
    WrongMyLba,

    /// <summary>Entry size, count or array location is impossible for this disk.</summary>
    BadEntryArray,

    /// <summary>The entry array CRC32 does not match the array.</summary>
    EntriesCrcMismatch,

    /// <summary>First/last usable LBA are out of order or outside the disk.</summary>
    BadUsableRange,

    /// <summary>A partition lies outside the usable range or ends before it starts.</summary>
    BadPartition,
}
