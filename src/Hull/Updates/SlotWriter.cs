using System.Security.Cryptography;
using Hull.Interop;
using Hull.Tuf;
using ZstdSharp;

namespace Hull.Updates;

/// <summary>
/// Writes one release's payloads for a slot, streaming: TUF target (length and hash checked as read) → zstd → the
/// destination, never more than the manifest's decompressed <see cref="PayloadImage.Bytes"/>, hashing on the way. A
/// write counts only once the TUF stream was verified to its end and the decompressed SHA-256 matched. No temp copy
/// of a payload is ever made: the root goes straight onto the partition, a UKI onto the ESP under a temp name.
/// </summary>
internal sealed class SlotWriter(TufClient tuf)
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Null when <paramref name="image"/> fits <paramref name="device"/>; otherwise the refusal. Checked before anything
    /// is written, so an image too big for the partition leaves the host untouched.
    /// </summary>
    public static UpdateError? CheckFits(PayloadImage image, string device)
    {
        using var handle = File.OpenHandle(device, FileMode.Open, FileAccess.Read);
        var size = Libc.DeviceSize(handle, device);
        return image.Bytes <= size
            ? null
            : UpdateError.Of(UpdateErrorKind.TooLarge, image.Target, $"the image is {image.Bytes} bytes, more than the {size} bytes of {device}");
    }

    /// <summary>Streams the root image onto <paramref name="device"/> from its first byte, then fsyncs it.</summary>
    public async Task<UpdateError?> WriteRootAsync(PayloadImage image, string device, CancellationToken cancellationToken)
    {
        if (CheckFits(image, device) is { } tooLarge)
        {
            return tooLarge;
        }

        // Not truncated: the device (or, in tests, a file standing for it) keeps its size.
        var output = new FileStream(device, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: false);
        await using (output.ConfigureAwait(false))
        {
            var error = await StreamAsync(image, output, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                output.Flush(flushToDisk: true);
            }

            return error;
        }
    }

    /// <summary>Reads the first <see cref="PayloadImage.Bytes"/> of <paramref name="device"/> back from the disk (not the page cache) and compares their SHA-256 with the manifest's.</summary>
    public static async Task<UpdateError?> VerifyRootAsync(PayloadImage image, string device, CancellationToken cancellationToken)
    {
        var input = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: false);
        await using (input.ConfigureAwait(false))
        {
            Libc.DropCache(input.SafeFileHandle, device);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[BufferSize];
            var left = image.Bytes;
            while (left > 0)
            {
                var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return UpdateError.Of(UpdateErrorKind.HashMismatch, device, $"ends {left} bytes short of the {image.Bytes} written from {image.Target}");
                }

                hash.AppendData(buffer, 0, read);
                left -= read;
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            return actual == image.Sha256
                ? null
                : UpdateError.Of(UpdateErrorKind.HashMismatch, device, $"reads back sha256 {actual}, but {ReleaseManifest.TargetPath} lists {image.Sha256} for {image.Target}");
        }
    }

    /// <summary>Streams a UKI to <c>hull-V-S.efi.staged</c> on <paramref name="esp"/> (temp name, fsync, rename, fsync of the folder).</summary>
    public async Task<UpdateError?> WriteUkiAsync(PayloadImage image, BootEntries esp, HullVersion version, char slot, CancellationToken cancellationToken)
    {
        var temp = esp.StagingTempPath(version, slot);
        UpdateError? error;
        var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: false);
        await using (output.ConfigureAwait(false))
        {
            try
            {
                error = await StreamAsync(image, output, cancellationToken).ConfigureAwait(false);
                if (error is null)
                {
                    output.Flush(flushToDisk: true);
                }
            }
            catch
            {
                File.Delete(temp);
                throw;
            }
        }

        if (error is not null)
        {
            File.Delete(temp);
            return error;
        }

        esp.CommitStaged(version, slot);
        return null;
    }

    private async Task<UpdateError?> StreamAsync(PayloadImage image, Stream output, CancellationToken cancellationToken)
    {
        var opened = await tuf.OpenTargetAsync(image.Target, cancellationToken).ConfigureAwait(false);
        if (!opened.Succeeded)
        {
            return UpdateError.From(opened.Error);
        }

        var source = opened.Value;
        await using (source.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long written = 0;
            try
            {
                var zstd = new DecompressionStream(source, leaveOpen: true);
                await using (zstd.ConfigureAwait(false))
                {
                    var buffer = new byte[BufferSize];
                    while (true)
                    {
                        // One byte past the listed size is enough to know the image is too big.
                        var wanted = (int)Math.Min(buffer.Length, image.Bytes - written + 1);
                        var read = await zstd.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        if (written + read > image.Bytes)
                        {
                            return UpdateError.Of(UpdateErrorKind.TooLarge, image.Target,
                                $"decompresses to more than the {image.Bytes} bytes {ReleaseManifest.TargetPath} lists");
                        }

                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        written += read;
                    }
                }
            }
            catch (TufTargetException e)
            {
                return UpdateError.From(e.Error);
            }
            catch (Exception e) when (e is ZstdException or EndOfStreamException or InvalidDataException)
            {
                // Bytes TUF would refuse are the better reason: a tampered payload rarely stays valid zstd.
                return await source.CompleteAsync(cancellationToken).ConfigureAwait(false) is { } refused
                    ? UpdateError.From(refused)
                    : UpdateError.Of(UpdateErrorKind.Corrupt, image.Target, $"is not a valid zstd stream: {e.Message}");
            }

            // The decompressor may stop at the end of its frame: whatever follows still has to match targets.json.
            if (await source.CompleteAsync(cancellationToken).ConfigureAwait(false) is { } tufError)
            {
                return UpdateError.From(tufError);
            }

            if (written < image.Bytes)
            {
                return UpdateError.Of(UpdateErrorKind.Corrupt, image.Target, $"decompresses to {written} bytes, but {ReleaseManifest.TargetPath} lists {image.Bytes}");
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            return actual == image.Sha256
                ? null
                : UpdateError.Of(UpdateErrorKind.HashMismatch, image.Target, $"decompresses to sha256 {actual}, but {ReleaseManifest.TargetPath} lists {image.Sha256}");
        }
    }
}
