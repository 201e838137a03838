using System.Buffers.Binary;

namespace Hull.Gpt;

/// <summary>
/// Encodes one partition entry, UEFI 2.10 §5.3.3 table 5.6
/// (https://uefi.org/specs/UEFI/2.10/05_GUID_Partition_Table_Format.html#gpt-partition-entry-array):
/// type GUID at 0, unique GUID at 16, first LBA at 32, last LBA at 40, attributes at 48,
/// name (36 UTF-16LE code units, NUL-padded) at 56.
/// </summary>
internal static class GptEntry
{
    private const int NameOffset = 56;
    private const int NameBytes = GptLayout.MaxNameLength * 2;

    /// <summary>Writes <paramref name="partition"/> into a zeroed 128-byte slot.</summary>
    public static void Write(Span<byte> entry, GptPartition partition)
    {
        entry.Clear();
        partition.TypeGuid.TryWriteBytes(entry);
        partition.UniqueGuid.TryWriteBytes(entry[16..]);
        BinaryPrimitives.WriteInt64LittleEndian(entry[32..], partition.FirstLba);
        BinaryPrimitives.WriteInt64LittleEndian(entry[40..], partition.LastLba);
        BinaryPrimitives.WriteUInt64LittleEndian(entry[48..], partition.Attributes);
        var name = entry.Slice(NameOffset, NameBytes);
        for (var i = 0; i < partition.Name.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(name[(i * 2)..], partition.Name[i]);
        }
    }

    /// <summary>Reads the entry in slot <paramref name="number"/> (1-based); <c>null</c> when the slot is unused (type GUID all zero).</summary>
    public static GptPartition? Read(ReadOnlySpan<byte> entry, int number)
    {
        var type = new Guid(entry[..16]);
        if (type == Guid.Empty)
        {
            return null;
        }

        var nameField = entry.Slice(NameOffset, NameBytes);
        var chars = new char[GptLayout.MaxNameLength];
        var length = 0;
        while (length < chars.Length)
        {
            var c = (char)BinaryPrimitives.ReadUInt16LittleEndian(nameField[(length * 2)..]);
            if (c == '\0')
            {
                break;
            }

            chars[length++] = c;
        }

        return new GptPartition(
            Name: new string(chars, 0, length),
            TypeGuid: type,
            UniqueGuid: new Guid(entry.Slice(16, 16)),
            FirstLba: BinaryPrimitives.ReadInt64LittleEndian(entry[32..]),
            LastLba: BinaryPrimitives.ReadInt64LittleEndian(entry[40..]),
            Attributes: BinaryPrimitives.ReadUInt64LittleEndian(entry[48..]))
        {
            Number = number,
        };
    }
}
