namespace Hull.Oci;

/// <summary>An image written into an OCI image layout by <see cref="OciImageBuilder"/>: where it is and its digests.</summary>
/// <param name="LayoutDirectory">The image layout directory (oci-layout, index.json, blobs/).</param>
/// <param name="Name">The full name given to the builder, e.g. "hull/httpd:v1"; containerd imports it under this name.</param>
/// <param name="Tag">The org.opencontainers.image.ref.name of the manifest in index.json, e.g. "v1".</param>
/// <param name="Manifest">The manifest's descriptor: its digest is what a registry reports after a push.</param>
/// <param name="Config">The image config's descriptor.</param>
/// <param name="Layer">The one gzip layer's descriptor (digest of the compressed bytes).</param>
/// <param name="DiffId">SHA-256 of the uncompressed layer tar, as the config's rootfs.diff_ids lists it.</param>
public sealed record OciImage(string LayoutDirectory, string Name, string Tag, OciDescriptor Manifest, OciDescriptor Config, OciDescriptor Layer, string DiffId)
{
    /// <summary>The manifest digest, "sha256:...".</summary>
    public string ManifestDigest => Manifest.Digest;

    /// <summary>The skopeo/containers-image reference to this image: "oci:DIR:TAG".</summary>
    public string LayoutReference => $"oci:{LayoutDirectory}:{Tag}";

    /// <summary>Writes the whole layout as an uncompressed OCI archive (what containerd's import reads) and returns its path.</summary>
    public string WriteArchive(string archivePath) => OciArchive.Write(LayoutDirectory, archivePath);
}
