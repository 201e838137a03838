namespace Hull.Cpio;

/// <summary>The file-type bits of st_mode (S_IFMT), which cpio stores in the mode field next to the permissions.</summary>
internal static class UnixFileType
{
    public const uint Directory = 0x4000;        // S_IFDIR  0040000
    public const uint CharacterDevice = 0x2000;  // S_IFCHR  0020000
    public const uint RegularFile = 0x8000;      // S_IFREG  0100000
    public const uint SymbolicLink = 0xA000;     // S_IFLNK  0120000
}
