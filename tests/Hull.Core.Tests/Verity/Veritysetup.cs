using System.Globalization;
using System.Text.RegularExpressions;
using Hull.Core.Tests.TestSupport;

namespace Hull.Core.Tests.Verity;

/// <summary>Drives the real <c>veritysetup</c> (cryptsetup-bin) as the oracle for the hash tree.</summary>
internal static partial class Veritysetup
{
    private const string Tool = "/usr/sbin/veritysetup";

    /// <summary>Runs <c>veritysetup format</c> and returns the root hash it printed.</summary>
    public static string Format(string dataPath, string hashPath, long hashOffset, string saltHex, Guid uuid,
        bool superblock = true, int dataBlockSize = 4096, int hashBlockSize = 4096)
    {
        var args = new List<string>
        {
            "format",
            $"--salt={saltHex}",
            $"--hash-offset={hashOffset.ToString(CultureInfo.InvariantCulture)}",
            $"--data-block-size={dataBlockSize.ToString(CultureInfo.InvariantCulture)}",
            $"--hash-block-size={hashBlockSize.ToString(CultureInfo.InvariantCulture)}",
        };
        args.Add(superblock ? $"--uuid={uuid}" : "--no-superblock");
        args.Add(dataPath);
        args.Add(hashPath);

        var output = ExternalTool.RunChecked(Tool, args).Stdout;
        var match = RootHashLine().Match(output);
        match.Success.ShouldBeTrue($"no root hash in veritysetup output:\n{output}");
        return match.Groups[1].Value;
    }

    /// <summary>Runs <c>veritysetup verify</c> with a superblock at <paramref name="hashOffset"/>.</summary>
    public static ToolResult Verify(string dataPath, string hashPath, string rootHex, long hashOffset)
        => ExternalTool.Run(Tool, ["verify", $"--hash-offset={hashOffset.ToString(CultureInfo.InvariantCulture)}", dataPath, hashPath, rootHex]);

    /// <summary>
    /// Runs <c>veritysetup verify --no-superblock</c> with every parameter spelled out, as the
    /// kernel gets them from the table: the tree is expected to start at <paramref name="hashOffset"/>.
    /// </summary>
    public static ToolResult VerifyWithoutSuperblock(string dataPath, string hashPath, string rootHex, long hashOffset,
        string saltHex, long dataBlocks, int dataBlockSize, int hashBlockSize)
        => ExternalTool.Run(Tool,
        [
            "verify", "--no-superblock",
            "--format=1", "--hash=sha256",
            $"--salt={saltHex}",
            $"--data-blocks={dataBlocks.ToString(CultureInfo.InvariantCulture)}",
            $"--data-block-size={dataBlockSize.ToString(CultureInfo.InvariantCulture)}",
            $"--hash-block-size={hashBlockSize.ToString(CultureInfo.InvariantCulture)}",
            $"--hash-offset={hashOffset.ToString(CultureInfo.InvariantCulture)}",
            dataPath, hashPath, rootHex,
        ]);

    [GeneratedRegex(@"Root hash:\s+([0-9a-f]+)")]
    private static partial Regex RootHashLine();
}
