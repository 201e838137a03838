using System.Diagnostics;
using System.Security.Cryptography;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Hull.Builder.Repo;

/// <summary>
/// Compresses one slot payload (root.img, a UKI) with zstd, streaming: the source is read once, hashed on the way,
/// and never held in memory.
/// </summary>
internal static class PayloadCompressor
{
    /// <summary>
    /// The default level. Measured on a real build's out/ (see README): past 9 the ratio barely moves while the
    /// time grows several-fold; the root is lz4hc erofs and the UKI holds a compressed kernel and initramfs.
    /// </summary>
    public const int DefaultLevel = 9;

    /// <summary>
    /// 8 MiB window (what levels 13-19 pick by themselves): a host decompressing needs about this much memory, well
    /// inside the update agent's budget. Long-distance windows (128 MiB) would gain little on this data and cost that RAM.
    /// </summary>
    public const int WindowLog = 23;

    private const int BufferSize = 1 << 20;

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> at <paramref name="level"/> with every core.</summary>
    public static async Task<CompressedPayload> CompressAsync(string source, string destination, int level, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                var zstd = new CompressionStream(output, level, BufferSize);
                await using (zstd.ConfigureAwait(false))
                {
                    zstd.SetParameter(ZSTD_cParameter.ZSTD_c_windowLog, WindowLog);
                    // A frame checksum lets any zstd tool spot a damaged file; hosts check SHA-256 of the result anyway.
                    zstd.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
                    zstd.SetParameter(ZSTD_cParameter.ZSTD_c_nbWorkers, Environment.ProcessorCount);
                    var buffer = new byte[BufferSize];
                    int read;
                    while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        bytes += read;
                        await zstd.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }

                // Disposing the zstd stream ended the frame; only now is the file complete.
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }
        }

        return new CompressedPayload(bytes, Convert.ToHexStringLower(hash.GetHashAndReset()), new FileInfo(destination).Length, clock.Elapsed);
    }
}
