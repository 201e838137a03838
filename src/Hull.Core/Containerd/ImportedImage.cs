namespace Hull.Containerd;

/// <summary>An image an import left in containerd: its record, what CRI calls its id, and its unpacked root.</summary>
/// <param name="Name">The image record's name (normalised the way CRI looks names up), e.g. "docker.io/library/busybox:1".</param>
/// <param name="TargetDigest">The digest the record points at: the manifest, or an index over per-platform manifests.</param>
/// <param name="ManifestDigest">The manifest unpacked for this platform.</param>
/// <param name="ConfigDigest">The image config's digest: CRI's image id.</param>
/// <param name="ChainId">The chain ID of all layers: the committed snapshot that is the image's root file system.</param>
/// <param name="Size">Bytes of the blobs CRI counts for the image (target, manifest, config, layers): the size CRI reports.</param>
internal sealed record ImportedImage(string Name, string TargetDigest, string ManifestDigest, string ConfigDigest, string ChainId, long Size);
