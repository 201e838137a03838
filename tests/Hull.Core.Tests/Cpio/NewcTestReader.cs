using System.Globalization;
using System.Text;

namespace Hull.Core.Tests.Cpio;

/// <summary>
/// A deliberately strict newc reader for the tests: it insists on the magic at 4-aligned
/// offsets and zero padding, so alignment mistakes show up even where GNU cpio is lenient.
/// </summary>
internal static class NewcTestReader
{
    public static List<NewcEntry> Read(byte[] archive)
    {
        var entries = new List<NewcEntry>();
        var offset = 0;
        while (true)
        {
            (offset % 4).ShouldBe(0);
            Encoding.ASCII.GetString(archive, offset, 6).ShouldBe("070701", $"magic at {offset}");
            uint Field(int index) => uint.Parse(Encoding.ASCII.GetString(archive, offset + 6 + (index * 8), 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

            var nameSize = (int)Field(11);
            var fileSize = (int)Field(6);
            Field(2).ShouldBe(0u, "uid");
            Field(3).ShouldBe(0u, "gid");
            Field(12).ShouldBe(0u, "check");
            archive[offset + 110 + nameSize - 1].ShouldBe((byte)0, "name NUL");
            var name = Encoding.UTF8.GetString(archive, offset + 110, nameSize - 1);

            var dataStart = AlignedAndZeroPadded(archive, offset + 110 + nameSize);
            var data = archive.AsSpan(dataStart, fileSize).ToArray();
            var entry = new NewcEntry(offset, name, Field(0), Field(1), Field(4), Field(5), Field(9), Field(10), data);
            entries.Add(entry);
            offset = AlignedAndZeroPadded(archive, dataStart + fileSize);
            if (name == "TRAILER!!!")
            {
                offset.ShouldBe(archive.Length, "nothing after the trailer");
                return entries;
            }
        }
    }

    private static int AlignedAndZeroPadded(byte[] archive, int position)
    {
        var aligned = (position + 3) & ~3;
        archive.AsSpan(position, aligned - position).ContainsAnyExcept((byte)0).ShouldBeFalse($"padding at {position}");
        return aligned;
    }
}
