using Hull.Oci;

namespace Hull.Containerd;

/// <summary>
/// Where an import's blobs come from (an image layout on disk, or an archive already streamed
/// into containerd), behind one interface so the walk over index, manifest, config and layers is
/// the same for both.
/// </summary>
internal abstract class ImportSource(string description)
{
    /// <summary>Index, manifest and config blobs larger than this are refused: they are JSON, read whole into memory.</summary>
    public const int MaxJsonBytes = 4 << 20;

    /// <summary>What it is, for messages: "OCI layout /path" or "OCI archive /path.tar".</summary>
    public string Description { get; } = description;

    /// <summary>The bytes of index.json.</summary>
    public abstract byte[] Index { get; }

    /// <summary>Makes sure containerd has the JSON blob <paramref name="blob"/> and returns its (digest-checked) bytes.</summary>
    public abstract Task<byte[]> WriteJsonBlobAsync(ContainerdClient containerd, OciDescriptor blob, ImportStep step, CancellationToken cancellationToken);

    /// <summary>Makes sure containerd has blob <paramref name="blob"/> (a layer), checked against its digest and size.</summary>
    public abstract Task WriteBlobAsync(ContainerdClient containerd, OciDescriptor blob, ImportStep step, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="data"/> as blob <paramref name="digest"/>; bytes that are not that blob are this step's error.</summary>
    protected static async Task WriteAsync(ContainerdClient containerd, string digest, long size, Stream data, ImportStep step, CancellationToken cancellationToken)
    {
        // One session name per blob: a retry after a crash resumes (and truncates) the same one.
        var result = await step.CallAsync(() => containerd.WriteContentAsync($"hull-import-{digest}", digest, size, data, null, cancellationToken)).ConfigureAwait(false);
        if (result.Outcome != ContentWriteOutcome.Mismatch)
        {
            return;
        }

        throw result.Size != size
            ? step.Fail(ImageImportErrorKind.SizeMismatch, $"blob {digest} is {result.Size} bytes, not the {size} its descriptor says")
            : step.Fail(ImageImportErrorKind.DigestMismatch, $"the bytes of blob {digest} hash to {result.Digest} (corrupted or wrongly named)");
    }

    /// <summary>The JSON bytes' own digest check, before anything parses them.</summary>
    protected static void CheckDigest(byte[] bytes, OciDescriptor blob, ImportStep step)
    {
        if (bytes.Length != blob.Size)
        {
            throw step.Fail(ImageImportErrorKind.SizeMismatch, $"blob {blob.Digest} is {bytes.Length} bytes, not the {blob.Size} its descriptor says");
        }

        var actual = $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}";
        if (actual != blob.Digest)
        {
            throw step.Fail(ImageImportErrorKind.DigestMismatch, $"the bytes of blob {blob.Digest} hash to {actual} (corrupted or wrongly named)");
        }
    }
}
