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
        var opened = await OpenTargetAsync(targetPath, cancellationToken).ConfigureAwait(false);
        if (!opened.Succeeded)
        {
            return opened.Error;
        }

        var destination = Path.GetFullPath(destinationPath);
        var temp = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.part");
        var source = opened.Value;
        await using (source.ConfigureAwait(false))
        {
            try
            {
                var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    await source.CopyToAsync(output, 256 * 1024, cancellationToken).ConfigureAwait(false);
                    output.Flush(flushToDisk: true);
                }
            }
            catch (TufTargetException e)
            {
                File.Delete(temp);
                return e.Error;
            }
            catch
            {
                File.Delete(temp);
                throw;
            }
        }

        File.Move(temp, destination, overwrite: true);
        Libc.SyncDirectory(Path.GetDirectoryName(destination)!);
        return source.Target;
    }

    /// <summary>
    /// Opens <paramref name="targetPath"/> for streaming (spec 5.7, without a copy on disk): the stream reads no
    /// more than the listed length and checks length and hashes as it is read, throwing
    /// <see cref="TufTargetException"/> at the first breach or at the end; only a stream read to its end with
    /// <see cref="TufTargetStream.Verified"/> set delivered the target. Refreshes first unless this client already has.
    /// </summary>
    public async Task<TufResult<TufTargetStream>> OpenTargetAsync(string targetPath, CancellationToken cancellationToken)
    {
        var info = await GetTargetInfoAsync(targetPath, cancellationToken).ConfigureAwait(false);
        if (!info.Succeeded)
        {
            return info.Error;
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

        return new TufTargetStream(source, target, targetPath, remotePath, targetsFile);
    }
}
