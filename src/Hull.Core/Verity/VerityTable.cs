using System.Globalization;
using System.Text;

namespace Hull.Verity;

/// <summary>Formats the device-mapper table line that activates a verity target.</summary>
/// <remarks>
/// <c>&lt;start&gt; &lt;length in 512-byte sectors&gt; verity &lt;version&gt; &lt;data_dev&gt; &lt;hash_dev&gt;
/// &lt;data_block_size&gt; &lt;hash_block_size&gt; &lt;num_data_blocks&gt; &lt;hash_start_block&gt;
/// &lt;algorithm&gt; &lt;digest&gt; &lt;salt&gt; [&lt;#opt_params&gt; &lt;opt_params&gt;]</c>, see
/// https://docs.kernel.org/admin-guide/device-mapper/verity.html. hash_start_block is in
/// hash-block units and points at the top tree level, past the superblock, which the kernel
/// never parses (veritysetup open passes hash_offset / hash_block_size + 1).
/// </remarks>
public static class VerityTable
{
    private const int SectorSize = 512;

    /// <summary>The table line for data and hash tree on one device (hash area appended to the data).</summary>
    public static string Format(string device, VerityResult result, params IReadOnlyList<string> optionalArgs)
        => Format(device, device, result, optionalArgs);

    /// <summary>
    /// The table line for data on <paramref name="dataDevice"/> and the tree on <paramref name="hashDevice"/>.
    /// <paramref name="optionalArgs"/> are optional target arguments, one word each (e.g. <c>panic_on_corruption</c>); their count is prepended.
    /// </summary>
    public static string Format(string dataDevice, string hashDevice, VerityResult result, params IReadOnlyList<string> optionalArgs)
    {
        var sectors = result.DataBlocks * result.DataBlockSize / SectorSize;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture,
            $"0 {sectors} verity 1 {dataDevice} {hashDevice} {result.DataBlockSize} {result.HashBlockSize} {result.DataBlocks} {result.HashStartBlock} {VerityHashTree.Algorithm} {result.RootHashHex} {result.SaltHex}");
        if (optionalArgs.Count > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" {optionalArgs.Count} {string.Join(' ', optionalArgs)}");
        }

        return line.ToString();
    }
}
