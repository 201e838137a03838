using System.Globalization;
using System.Text.RegularExpressions;

namespace Hull.Builder.Tests.TestSupport;

/// <summary>One row of <c>objdump -h</c>.</summary>
internal readonly record struct ObjdumpSection(string Name, ulong Size, ulong Vma);

/// <summary>GNU objdump and objcopy, the outside oracles for the PE files the builder makes.</summary>
internal static partial class Objdump
{
    /// <summary>The section table, in file order.</summary>
    public static IReadOnlyList<ObjdumpSection> Sections(string path) =>
        SectionRow().Matches(ExternalTool.RunChecked("objdump", "-h", path).Stdout)
            .Select(m => new ObjdumpSection(m.Groups[1].Value, Hex(m.Groups[2].Value), Hex(m.Groups[3].Value)))
            .ToList();

    /// <summary>ImageBase and SizeOfImage from the PE optional header, as <c>objdump -p</c> prints them.</summary>
    public static (ulong ImageBase, ulong SizeOfImage) PeHeader(string path)
    {
        var output = ExternalTool.RunChecked("objdump", "-p", path).Stdout;
        return (Hex(ImageBaseRow().Match(output).Groups[1].Value), Hex(SizeOfImageRow().Match(output).Groups[1].Value));
    }

    /// <summary>The bytes of one section, via <c>objcopy -O binary --only-section</c>.</summary>
    public static byte[] SectionBytes(string path, string section, string scratchDirectory)
    {
        var output = Path.Combine(scratchDirectory, $"section{section}.bin");
        ExternalTool.RunChecked("objcopy", "-O", "binary", $"--only-section={section}", path, output);
        return File.ReadAllBytes(output);
    }

    private static ulong Hex(string text) => ulong.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    // "  0 .text         0000c5ae  0000000000001000  0000000000001000  00000400  2**4"
    [GeneratedRegex(@"^\s*\d+\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+[0-9a-f]+\s+2\*\*\d+$", RegexOptions.Multiline)]
    private static partial Regex SectionRow();

    [GeneratedRegex(@"^ImageBase\s+([0-9a-f]+)$", RegexOptions.Multiline)]
    private static partial Regex ImageBaseRow();

    [GeneratedRegex(@"^SizeOfImage\s+([0-9a-f]+)$", RegexOptions.Multiline)]
    private static partial Regex SizeOfImageRow();
}
