using System.Globalization;
using System.Text.RegularExpressions;
using Hull.Core.Tests.TestSupport;

namespace Hull.Core.Tests.Gpt;

/// <summary>GPT fdisk's <c>sgdisk</c>, the outside oracle for the GPT tests.</summary>
internal static partial class Sgdisk
{
    private const string Path = "/usr/sbin/sgdisk";

    /// <summary>Runs sgdisk with <paramref name="args"/> and throws if it fails.</summary>
    public static ToolResult Run(params string[] args) => ExternalTool.Run(Path, args).EnsureSuccess();

    /// <summary>Output of <c>sgdisk --verify</c>.</summary>
    public static string Verify(string image) => Run("--verify", image).Stdout;

    /// <summary>Parses <c>sgdisk -p</c>.</summary>
    public static SgdiskDisk Print(string image)
    {
        var output = Run("-p", image).Stdout;
        var usable = UsableRegex().Match(output);
        var numbers = PartitionRowRegex().Matches(output).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        return new SgdiskDisk(
            Guid.Parse(DiskGuidRegex().Match(output).Groups[1].Value),
            long.Parse(usable.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(usable.Groups[2].Value, CultureInfo.InvariantCulture),
            numbers);
    }

    /// <summary>Parses <c>sgdisk -i <paramref name="number"/></c>.</summary>
    public static SgdiskPartition Info(string image, int number)
    {
        var output = Run("-i", number.ToString(CultureInfo.InvariantCulture), image).Stdout;
        string Field(string label) => Regex.Match(output, $"^{Regex.Escape(label)}: (.*)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        return new SgdiskPartition(
            Name: NameRegex().Match(output).Groups[1].Value,
            TypeGuid: Guid.Parse(Field("Partition GUID code").Split(' ')[0]),
            UniqueGuid: Guid.Parse(Field("Partition unique GUID")),
            FirstLba: long.Parse(Field("First sector").Split(' ')[0], CultureInfo.InvariantCulture),
            LastLba: long.Parse(Field("Last sector").Split(' ')[0], CultureInfo.InvariantCulture),
            Attributes: ulong.Parse(Field("Attribute flags"), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^Disk identifier \(GUID\): (\S+)$", RegexOptions.Multiline)]
    private static partial Regex DiskGuidRegex();

    [GeneratedRegex(@"^First usable sector is (\d+), last usable sector is (\d+)$", RegexOptions.Multiline)]
    private static partial Regex UsableRegex();

    [GeneratedRegex(@"^\s+(\d+)\s+\d+\s+\d+\s", RegexOptions.Multiline)]
    private static partial Regex PartitionRowRegex();

    [GeneratedRegex(@"^Partition name: '(.*)'$", RegexOptions.Multiline)]
    private static partial Regex NameRegex();
}
