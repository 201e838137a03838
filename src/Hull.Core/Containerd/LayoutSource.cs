using Hull.Oci;

namespace Hull.Containerd;

/// <summary>An OCI image layout directory (image-spec image-layout.md): blobs are read from blobs/sha256/ as the walk needs them.</summary>
internal sealed class LayoutSource : ImportSource
{
    private readonly string _directory;

    private LayoutSource(string directory, byte[] index)
        : base($"OCI layout {directory}")
    {
        _directory = directory;
        Index = index;
    }

    public override byte[] Index { get; }

    /// <summary>The layout at <paramref name="directory"/>: it must have oci-layout and index.json.</summary>
    public static LayoutSource Open(string directory)
    {
        var step = new ImportStep("", $"OCI layout {directory}", "read index.json");
        if (!File.Exists(Path.Combine(directory, "oci-layout")))
        {
            throw step.Fail(ImageImportErrorKind.InvalidSource,
                Directory.Exists(directory) ? $"{directory} is not an OCI image layout: it has no oci-layout file" : $"{directory} does not exist");
        }

        var indexPath = Path.Combine(directory, "index.json");
        if (!File.Exists(indexPath))
        {
            throw step.Fail(ImageImportErrorKind.InvalidSource, $"{indexPath} does not exist");
        }

        if (new FileInfo(indexPath).Length > MaxJsonBytes)
        {
            throw step.Fail(ImageImportErrorKind.Unsupported, $"{indexPath} is larger than {MaxJsonBytes} bytes");
        }

        return new LayoutSource(directory, File.ReadAllBytes(indexPath));
    }

    public override async Task<byte[]> WriteJsonBlobAsync(ContainerdClient containerd, OciDescriptor blob, ImportStep step, CancellationToken cancellationToken)
    {
        var path = Find(blob, step);
        if (blob.Size > MaxJsonBytes)
        {
            throw step.Fail(ImageImportErrorKind.Unsupported, $"blob {blob.Digest} is {blob.Size} bytes, more than the {MaxJsonBytes} read for a JSON blob");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        CheckDigest(bytes, blob, step);
        using var data = new MemoryStream(bytes, writable: false);
        await WriteAsync(containerd, blob.Digest, blob.Size, data, step, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    public override async Task WriteBlobAsync(ContainerdClient containerd, OciDescriptor blob, ImportStep step, CancellationToken cancellationToken)
    {
        var path = Find(blob, step);
        var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (data.ConfigureAwait(false))
        {
            await WriteAsync(containerd, blob.Digest, blob.Size, data, step, cancellationToken).ConfigureAwait(false);
        }
    }

    // The blob's file, there and of the size its descriptor says.
    private string Find(OciDescriptor blob, ImportStep step)
    {
        var path = Path.Combine(_directory, "blobs", "sha256", BlobDigest.Hex(blob.Digest));
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw step.Fail(ImageImportErrorKind.MissingBlob, $"blob {blob.Digest} is not in the layout ({path} does not exist)");
        }

        if (file.Length != blob.Size)
        {
            throw step.Fail(ImageImportErrorKind.SizeMismatch, $"blob {blob.Digest} is {file.Length} bytes ({path}), not the {blob.Size} its descriptor says");
        }

        return path;
    }
}
