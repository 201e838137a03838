using System.Buffers;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Hull.Containerd.Api.Content;

namespace Hull.Containerd;

internal sealed partial class ContainerdClient
{
    // Well under the 16 MiB containerd accepts per message, and the size containerd's own copy uses.
    private const int ChunkSize = 1 << 20;

    /// <summary>
    /// Writes blob <paramref name="digest"/> of <paramref name="size"/> bytes from <paramref name="source"/>
    /// (read to its end) in one Content.Write session named <paramref name="writeRef"/>, with
    /// <paramref name="labels"/> set on commit. The bytes are hashed on the way: when they do not
    /// hash to <paramref name="digest"/> or are not <paramref name="size"/> long, nothing is
    /// committed and the answer says what they were. A blob containerd has already is not sent.
    /// </summary>
    public async Task<ContentWriteResult> WriteContentAsync(
        string writeRef, string digest, long size, Stream source, IReadOnlyDictionary<string, string>? labels, CancellationToken cancellationToken)
    {
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"digest {digest} is not sha256, the only algorithm written", nameof(digest));
        }

        var subject = Blob(digest);
        try
        {
            using var call = _content.Write(Options(_options.TransferTimeout, cancellationToken));
            // The first request opens the session; containerd answers AlreadyExists here when it has the blob.
            await ExchangeAsync(call, new WriteContentRequest { Action = WriteAction.Stat, Ref = writeRef, Total = size, Expected = digest }, subject, cancellationToken).ConfigureAwait(false);

            // A session an interrupted write left behind may hold bytes; writing at offset 0 makes
            // containerd truncate it, so every write starts over.
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var sent = 0L;
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                int read;
                while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    var request = new WriteContentRequest { Action = WriteAction.Write, Offset = sent, Data = ByteString.CopyFrom(buffer, 0, read) };
                    var answer = await ExchangeAsync(call, request, subject, cancellationToken).ConfigureAwait(false);
                    sent += read;
                    if (answer.Offset != sent)
                    {
                        throw new ContainerdException(ContainerdErrorKind.Failed, "Content.Write", subject, StatusCode.DataLoss,
                            $"{Prefix("Content.Write", subject)}containerd holds {answer.Offset} bytes after {sent} were sent", null);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            var actual = $"sha256:{Convert.ToHexStringLower(hash.GetHashAndReset())}";
            if (actual != digest || sent != size)
            {
                // Let containerd close its end (releasing the session's lock) before dropping the session.
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                }

                await AbortContentWriteAsync(writeRef, cancellationToken).ConfigureAwait(false);
                return new ContentWriteResult(ContentWriteOutcome.Mismatch, actual, sent);
            }

            // containerd checks size and digest again before it commits.
            var commit = new WriteContentRequest { Action = WriteAction.Commit, Total = size, Offset = sent, Expected = digest };
            foreach (var (key, value) in labels ?? new Dictionary<string, string>())
            {
                commit.Labels[key] = value;
            }

            var committed = await ExchangeAsync(call, commit, subject, cancellationToken).ConfigureAwait(false);
            if (committed.Digest != digest)
            {
                throw new ContainerdException(ContainerdErrorKind.Failed, "Content.Write", subject, StatusCode.DataLoss,
                    $"{Prefix("Content.Write", subject)}containerd committed {committed.Digest}", null);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            return new ContentWriteResult(ContentWriteOutcome.Written, digest, size);
        }
        catch (Exception e) when (Translate(e, "Content.Write", subject, _options.TransferTimeout, cancellationToken) is { } translated)
        {
            // Also when another writer committed the same blob while we wrote it.
            if (translated.Kind == ContainerdErrorKind.AlreadyExists)
            {
                return new ContentWriteResult(ContentWriteOutcome.AlreadyExists, digest, size);
            }

            throw translated;
        }
    }

    // One request, one answer: the session is a strict ping-pong (containerd answers every request).
    private static async Task<WriteContentResponse> ExchangeAsync(
        AsyncDuplexStreamingCall<WriteContentRequest, WriteContentResponse> call, WriteContentRequest request, string subject, CancellationToken cancellationToken)
    {
        await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new ContainerdException(ContainerdErrorKind.Failed, "Content.Write", subject, StatusCode.Unknown,
                $"{Prefix("Content.Write", subject)}containerd ended the write session after a {request.Action} request without an answer", null);
        }

        return call.ResponseStream.Current;
    }
}
