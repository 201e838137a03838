using Hull.Builder.Tools;

namespace Hull.Builder.Rootfs;

/// <summary>Makes the compressed, reproducible erofs image of the root with erofs-utils' mkfs.erofs.</summary>
internal static class Erofs
{
    /// <summary>Builds <paramref name="image"/> from <paramref name="tree"/>: lz4hc (the only fast codec the kernel's erofs has), all files root-owned, fixed timestamps and UUID.</summary>
    public static async Task BuildAsync(string tree, string image, Guid uuid, CancellationToken cancellationToken)
    {
        File.Delete(image);

        // -T0: every timestamp 0; --all-root: uid/gid 0; -U: a UUID derived from the version, so equal inputs give equal bytes.
        await Tool.RunAsync("mkfs.erofs", ["-zlz4hc,12", "-T0", "--all-root", $"-U{uuid}", image, tree], cancellationToken: cancellationToken).ConfigureAwait(false);

        // The verity hash area follows the data on the same partition: keep the data a whole number of 4 KiB blocks.
        var length = new FileInfo(image).Length;
        var padded = (length + 4095) / 4096 * 4096;
        if (padded != length)
        {
            await using var stream = new FileStream(image, FileMode.Open, FileAccess.Write);
            stream.SetLength(padded);
        }
    }
}
