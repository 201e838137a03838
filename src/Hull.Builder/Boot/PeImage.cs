using System.Buffers.Binary;
using Hull.Builder.Tools;

namespace Hull.Builder.Boot;

/// <summary>The two numbers of a PE32+ header the UKI layout needs (Microsoft PE/COFF specification).</summary>
internal readonly record struct PeImage(ulong ImageBase, uint SizeOfImage)
{
    public static PeImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var pe = bytes.Length >= 0x40 ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(0x3c)) : 0;   // e_lfanew; shorter is no DOS header
        if (pe <= 0 || (long)pe + 24 + 64 > bytes.Length || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pe)) != 0x00004550)
        {
            throw new ToolException($"{path} is not a PE image");
        }

        var optional = pe + 4 + 20;                                                    // after "PE\0\0" and the COFF header
        if (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(optional)) != 0x20b)
        {
            throw new ToolException($"{path} is not PE32+");
        }

        return new PeImage(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(optional + 24)),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(optional + 56)));
    }
}
