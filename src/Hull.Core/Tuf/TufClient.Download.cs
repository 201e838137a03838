using System.Security.Cryptography;
using Hull.Interop;

namespace Hull.Tuf;

public sealed partial class TufClient
{
    /// <summary>
    /// Downloads <paramref name="targetPath"/> to <paramref name="destinationPath"/> (spec 5.7): no more than its
    /// listed length is read, and the file appears at the destination, atomically, only once its length and
    /// every known hash match targets.json. Refreshes first unless this client already has.
    /// </summary>
    public async Task<TufResult<TufTargetFile>> DownloadTargetAsync(string targetPath, string destinationPath, CancellationToken cancellationToken)
    {
        var info = await GetTargetInfoAsync(targetPath, cancellationToken).ConfigureAwait(false);
        if (!info.Succeeded)
        {
            return info;
        }

        var target = info.Value;
        var targetsFile = _targets!.File;
        if (target.Sha256 is not { } sha256)
        {
            return TufError.Of(TufErrorKind.Malformed, targetsFile, $"target {targetPath} lists no sha256 hash");
        }

        var remotePath = TufRepositoryLayout.TargetPath(targetPath, sha256, ConsistentSnapshot);
        var opened = await OpenAsync(remotePath, targetPath, cancellationToken).ConfigureAwait(false);
        if (!opened.Succeeded)
        {
            return opened.Error;
        }

        if (opened.Value is not { } source)
        {
            return TufError.Of(TufErrorKind.DownloadFailed, targetPath, $"the repository has no {remotePath}");
        }

        var destination = Path.GetFullPath(destinationPath);
        var temp = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.part");
        var error = await CopyVerifiedAsync(source, temp, target, targetPath, remotePath, targetsFile, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            File.Delete(temp);
            return error;
        }

        File.Move(temp, destination, overwrite: true);
        Libc.SyncDirectory(Path.GetDirectoryName(destination)!);
        return target;
    }

    private static async Task<TufError?> CopyVerifiedAsync(Stream source, string temp, TufTargetFile target, string targetPath, string remotePath,
        string targetsFile, CancellationToken cancellationToken)
    {
        var hashes = target.Hashes
            .Select(h => (h.Key, Listed: h.Value, Algorithm: TufHashes.Algorithm(h.Key)))
            .Where(h => h.Algorithm is not null)
            .Select(h => (h.Key, h.Listed, Hash: IncrementalHash.CreateHash(h.Algorithm!.Value)))
            .ToList();
        try
        {
            await using (source.ConfigureAwait(false))
            {
                var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    var buffer = new byte[256 * 1024];
                    long total = 0;
                    try
                    {
                        int read;
                        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            total += read;
                            if (total > target.Length)
                            {
                                return TufError.Of(TufErrorKind.TooLarge, targetPath,
                                    $"{remotePath} has more than the {target.Length} bytes {targetsFile} lists (endless data?)");
                            }

                            foreach (var (_, _, hash) in hashes)
                            {
                                hash.AppendData(buffer, 0, read);
                            }

                            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        }
                    }
                    catch (Exception e) when (IsTransportFailure(e, cancellationToken))
                    {
                        return TufError.Of(TufErrorKind.DownloadFailed, targetPath, $"reading {remotePath} failed: {e.Message}");
                    }

                    if (total < target.Length)
                    {
                        return TufError.Of(TufErrorKind.LengthMismatch, targetPath, $"{remotePath} has {total} bytes, but {targetsFile} lists {target.Length}");
                    }

                    foreach (var (name, listed, hash) in hashes)
                    {
                        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                        if (!TufMetaCheck.HexEquals(actual, listed))
                        {
                            return TufError.Of(TufErrorKind.HashMismatch, targetPath, $"{remotePath} has {name} {actual}, but {targetsFile} lists {listed}");
                        }
                    }

                    output.Flush(flushToDisk: true);
                    return null;
                }
            }
        }
        finally
        {
            foreach (var (_, _, hash) in hashes)
            {
                hash.Dispose();
            }
        }
    }
}
