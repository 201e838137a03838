using System.Formats.Tar;
using Hull.Oci;

namespace Hull.Containerd;

/// <summary>
/// An OCI archive: a tar of an image layout, read once from start to end (it may be a pipe).
/// Every blob is written to containerd as it streams past, checked against the digest its name
/// says; JSON blobs small enough are also kept, since the walk reads them after the tar is done
/// (index.json may come last).
/// </summary>
internal sealed class ArchiveSource : ImportSource
{
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _json = new(StringComparer.Ordinal);
    private byte[]? _index;

    private ArchiveSource(string description)
        : base(description)
    {
    }

    public override byte[] Index => _index!;

    /// <summary>Reads the whole archive, writing its blobs into containerd (under <paramref name="containerd"/>'s lease).</summary>
    public static async Task<ArchiveSource> ReadAsync(ContainerdClient containerd, Stream archive, string description, CancellationToken cancellationToken)
    {
        var source = new ArchiveSource(description);
        var sawLayout = false;
        var reader = new TarReader(archive, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            TarEntry? entry;
            while ((entry = await NextAsync(reader, description, cancellationToken).ConfigureAwait(false)) is not null)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                var name = entry.Name.TrimStart('/');
                while (name.StartsWith("./", StringComparison.Ordinal))
                {
                    name = name[2..];
                }

                var step = new ImportStep("", description, $"read {name}");
                if (name == "oci-layout")
                {
                    sawLayout = true;
                }
                else if (name == "index.json")
                {
                    source._index = await ReadSmallAsync(entry, step, cancellationToken).ConfigureAwait(false);
                }
                else if (name.StartsWith("blobs/sha256/", StringComparison.Ordinal) && BlobDigest.IsSha256($"sha256:{name["blobs/sha256/".Length..]}"))
                {
                    await source.WriteEntryAsync(containerd, entry, $"sha256:{name["blobs/sha256/".Length..]}", step, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (!sawLayout || source._index is null)
        {
            throw new ImportStep("", description, "read the archive").Fail(ImageImportErrorKind.InvalidSource,
                $"not an OCI archive: it has no {(sawLayout ? "index.json" : "oci-layout file")} at its root (docker save archives are not read)");
        }

        return source;
    }

    public override Task<byte[]> WriteJsonBlobAsync(ContainerdClient containerd, OciDescriptor blob, ImportStep step, CancellationToken cancellationToken)
    {
        Find(blob, step);
        return _json.TryGetValue(blob.Digest, out var bytes)
            ? Task.FromResult(bytes)
            : throw step.Fail(ImageImportErrorKind.Unsupported, $"blob {blob.Digest} is not JSON or larger than {MaxJsonBytes} bytes");
    }

    public override Task WriteBlobAsync(ContainerdClient containerd, OciDescriptor blob, ImportStep step, CancellationToken cancellationToken)
    {
        Find(blob, step);
        return Task.CompletedTask;
    }

    // Every blob was written while the tar streamed past: here it only has to have been there.
    private void Find(OciDescriptor blob, ImportStep step)
    {
        if (!_sizes.TryGetValue(blob.Digest, out var size))
        {
            throw step.Fail(ImageImportErrorKind.MissingBlob, $"blob {blob.Digest} is not in the archive (no blobs/sha256/{BlobDigest.Hex(blob.Digest)})");
        }

        if (size != blob.Size)
        {
            throw step.Fail(ImageImportErrorKind.SizeMismatch, $"blob {blob.Digest} is {size} bytes in the archive, not the {blob.Size} its descriptor says");
        }
    }

    private async Task WriteEntryAsync(ContainerdClient containerd, TarEntry entry, string digest, ImportStep step, CancellationToken cancellationToken)
    {
        if (entry.Length <= MaxJsonBytes)
        {
            var bytes = await ReadSmallAsync(entry, step, cancellationToken).ConfigureAwait(false);
            // Layers are tar, gzip or zstd and never start with "{": only index, manifest and config blobs are kept.
            if (bytes.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
            {
                _json[digest] = bytes;
            }

            using var data = new MemoryStream(bytes, writable: false);
            await WriteAsync(containerd, digest, bytes.Length, data, step, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(containerd, digest, entry.Length, entry.DataStream ?? Stream.Null, step, cancellationToken).ConfigureAwait(false);
        }

        _sizes[digest] = entry.Length;
    }

    private static async Task<byte[]> ReadSmallAsync(TarEntry entry, ImportStep step, CancellationToken cancellationToken)
    {
        if (entry.Length > MaxJsonBytes)
        {
            throw step.Fail(ImageImportErrorKind.Unsupported, $"{entry.Name} is larger than {MaxJsonBytes} bytes");
        }

        var bytes = new byte[entry.Length];
        if (entry.DataStream is { } data)
        {
            await data.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        return bytes;
    }

    private static async Task<TarEntry?> NextAsync(TarReader reader, string description, CancellationToken cancellationToken)
    {
        try
        {
            // Not copied: the entry's data is read from the archive stream before the next entry.
            return await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new ImportStep("", description, "read the archive").Fail(ImageImportErrorKind.InvalidSource, $"not a readable tar: {e.Message}", e);
        }
    }
}
