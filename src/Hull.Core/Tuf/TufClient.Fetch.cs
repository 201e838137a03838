namespace Hull.Tuf;

public sealed partial class TufClient
{
    /// <summary>
    /// Reads a metadata file whole, but never more than <paramref name="limit"/> bytes (endless data, spec 5.3.3,
    /// 5.4.1, 5.5.1, 5.6.1). A missing file is null when <paramref name="optional"/>, an error otherwise.
    /// </summary>
    private async Task<TufResult<byte[]?>> FetchMetadataAsync(string fileName, long limit, string limitFrom, bool optional, CancellationToken cancellationToken)
    {
        var path = TufRepositoryLayout.MetadataPath(fileName);
        var opened = await OpenAsync(path, fileName, cancellationToken).ConfigureAwait(false);
        if (!opened.Succeeded)
        {
            return opened.Error;
        }

        if (opened.Value is not { } stream)
        {
            return optional ? TufResult<byte[]?>.Success(null) : TufError.Of(TufErrorKind.DownloadFailed, fileName, $"the repository has no {path}");
        }

        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        return TufError.Of(TufErrorKind.TooLarge, fileName, $"more than the {limit} bytes {limitFrom} allows (endless data?)");
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            catch (Exception e) when (IsTransportFailure(e, cancellationToken))
            {
                return TufError.Of(TufErrorKind.DownloadFailed, fileName, $"reading {path} failed: {e.Message}");
            }

            return buffer.ToArray();
        }
    }

    private async Task<TufResult<Stream?>> OpenAsync(string path, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            return await _transport.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            return TufError.Of(TufErrorKind.DownloadFailed, fileName, $"fetching {path} failed: {e.Message}");
        }
    }

    // Network and file errors are refusals to report; the caller's own cancellation is not.
    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) =>
        e is IOException or HttpRequestException or UnauthorizedAccessException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
