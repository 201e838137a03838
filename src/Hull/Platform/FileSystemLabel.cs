using System.Buffers.Binary;
using System.Text;

namespace Hull.Platform;

/// <summary>
/// A file system's type and label, read from its own on-disk structures (there is no blkid on the
/// host): FAT (12, 16, 32) and ISO 9660, the two a config drive may carry. Checked against
/// blkid on images made by mkfs.vfat and genisoimage.
/// </summary>
internal readonly record struct FileSystemLabel(string Type, string Label)
{
    private const int IsoSectorSize = 2048;
    private const int IsoPrimaryDescriptor = 16 * IsoSectorSize; // ECMA-119 8.4: sector 16
    private const string NoName = "NO NAME";                     // FAT's "no label" placeholder

    /// <summary>The type ("vfat" or "iso9660") and label of the file system at the start of <paramref name="device"/>, or null for anything else.</summary>
    public static FileSystemLabel? Read(Stream device) => ReadIso9660(device) ?? ReadFat(device);

    // ECMA-119 8.4: volume descriptor type 1, "CD001", version 1; the volume identifier is bytes 40-71, space-padded.
    private static FileSystemLabel? ReadIso9660(Stream device)
    {
        var descriptor = ReadAt(device, IsoPrimaryDescriptor, IsoSectorSize);
        if (descriptor is null || descriptor[0] != 1 || !descriptor.AsSpan(1, 5).SequenceEqual("CD001"u8) || descriptor[6] != 1)
        {
            return null;
        }

        return new FileSystemLabel("iso9660", Text(descriptor.AsSpan(40, 32)));
    }

    // Microsoft's FAT specification (fatgen103): the BIOS parameter block in sector 0. Like blkid, a volume-label
    // entry in the root folder wins over the boot sector's copy (tools that relabel may update only the former).
    private static FileSystemLabel? ReadFat(Stream device)
    {
        var boot = ReadAt(device, 0, 512);
        if (boot is null || boot[510] != 0x55 || boot[511] != 0xAA)
        {
            return null;
        }

        var bytesPerSector = BinaryPrimitives.ReadUInt16LittleEndian(boot.AsSpan(11));
        var sectorsPerCluster = boot[13];
        var reservedSectors = BinaryPrimitives.ReadUInt16LittleEndian(boot.AsSpan(14));
        var fats = boot[16];
        var rootEntries = BinaryPrimitives.ReadUInt16LittleEndian(boot.AsSpan(17));
        var media = boot[21];
        var fatSize16 = BinaryPrimitives.ReadUInt16LittleEndian(boot.AsSpan(22));
        if (bytesPerSector is not (512 or 1024 or 2048 or 4096) || sectorsPerCluster == 0 || (sectorsPerCluster & (sectorsPerCluster - 1)) != 0
            || reservedSectors == 0 || fats == 0 || (media != 0xF0 && media < 0xF8))
        {
            return null; // an MBR or something else that happens to end in 55 AA
        }

        var fat32 = fatSize16 == 0;
        var signatureOffset = fat32 ? 66 : 38;
        var bootLabel = boot[signatureOffset] == 0x29 ? Text(boot.AsSpan(signatureOffset + 5, 11)) : "";

        long rootStart;
        int rootBytes;
        if (fat32)
        {
            var fatSize32 = BinaryPrimitives.ReadUInt32LittleEndian(boot.AsSpan(36));
            var rootCluster = BinaryPrimitives.ReadUInt32LittleEndian(boot.AsSpan(44));
            rootStart = (reservedSectors + ((long)fats * fatSize32) + ((long)(rootCluster - 2) * sectorsPerCluster)) * bytesPerSector;
            rootBytes = sectorsPerCluster * bytesPerSector; // the root's first cluster: where mkfs and mlabel put the label
        }
        else
        {
            rootStart = (reservedSectors + ((long)fats * fatSize16)) * bytesPerSector;
            rootBytes = rootEntries * 32;
        }

        var label = RootFolderLabel(ReadAt(device, rootStart, rootBytes)) ?? bootLabel;
        return new FileSystemLabel("vfat", label == NoName ? "" : label);
    }

    // 32-byte entries: name[11], attributes; 0x08 is the volume label, 0x0F a long-name fragment, 0xE5 deleted, 0x00 the end.
    private static string? RootFolderLabel(byte[]? root)
    {
        for (var offset = 0; root is not null && offset + 32 <= root.Length; offset += 32)
        {
            var first = root[offset];
            if (first == 0)
            {
                break;
            }

            var attributes = root[offset + 11];
            if (first != 0xE5 && (attributes & 0x08) != 0 && attributes != 0x0F)
            {
                return Text(root.AsSpan(offset, 11));
            }
        }

        return null;
    }

    private static string Text(ReadOnlySpan<byte> field) => Encoding.Latin1.GetString(field).TrimEnd(' ', '\0');

    private static byte[]? ReadAt(Stream device, long offset, int count)
    {
        // No Length check: fstat gives 0 for a block device; a read past the end simply comes back short.
        if (count <= 0 || offset < 0)
        {
            return null;
        }

        var buffer = new byte[count];
        device.Position = offset;
        return device.ReadAtLeast(buffer, count, throwOnEndOfStream: false) == count ? buffer : null;
    }
}
