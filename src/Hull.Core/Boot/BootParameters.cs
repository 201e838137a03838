using System.Globalization;

namespace Hull.Boot;

/// <summary>
/// What the signed kernel command line tells stage 1: which slot booted, which partition
/// holds its root and the dm-verity parameters that pin every block of it. The builder
/// writes it with <see cref="Format"/>; stage 1 reads it with <see cref="Parse"/>.
/// </summary>
internal sealed record BootParameters(
    char Slot,
    string RootPartitionLabel,
    string RootHash,
    string Salt,
    long DataBlocks,
    long HashStartBlock)
{
    /// <summary>Data and hash block size of the verity tree (veritysetup's default).</summary>
    public const int BlockSize = 4096;

    /// <summary>The dm-verity table line for a root on <paramref name="device"/> (data and hash tree on the same device).</summary>
    public string VerityTable(string device) => string.Create(
        CultureInfo.InvariantCulture,
        $"1 {device} {device} {BlockSize} {BlockSize} {DataBlocks} {HashStartBlock} sha256 {RootHash} {(Salt.Length == 0 ? "-" : Salt)}");

    /// <summary>Size of the verified data in 512-byte sectors.</summary>
    public ulong DataSectors => (ulong)DataBlocks * (BlockSize / 512);

    /// <summary>The hull.* words of the kernel command line.</summary>
    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"hull.slot={Slot} hull.root={RootPartitionLabel} hull.verity={RootHash}:{Salt}:{DataBlocks}:{HashStartBlock}");

    /// <summary>Reads the hull.* words from a kernel command line; a missing or malformed one is an error naming it.</summary>
    public static BootParameters Parse(string commandLine)
    {
        var words = commandLine.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].StartsWith("hull.", StringComparison.Ordinal))
            .GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);

        string Get(string key) => words.TryGetValue(key, out var v) && v.Length > 0
            ? v
            : throw new FormatException($"kernel command line has no {key}=");

        var slot = Get("hull.slot");
        if (slot is not ("a" or "b"))
        {
            throw new FormatException($"hull.slot must be 'a' or 'b', got '{slot}'");
        }

        var verity = Get("hull.verity").Split(':');
        if (verity.Length != 4
            || verity[0].Length != 64 || !verity[0].All(char.IsAsciiHexDigit)
            || !verity[1].All(char.IsAsciiHexDigit)
            || !long.TryParse(verity[2], NumberStyles.None, CultureInfo.InvariantCulture, out var dataBlocks) || dataBlocks <= 0
            || !long.TryParse(verity[3], NumberStyles.None, CultureInfo.InvariantCulture, out var hashStart) || hashStart < dataBlocks)
        {
            throw new FormatException($"hull.verity must be ROOTHASH:SALT:DATABLOCKS:HASHSTART (sha256 hex, hex, blocks), got '{Get("hull.verity")}'");
        }

        return new BootParameters(slot[0], Get("hull.root"), verity[0].ToLowerInvariant(), verity[1].ToLowerInvariant(), dataBlocks, hashStart);
    }
}
