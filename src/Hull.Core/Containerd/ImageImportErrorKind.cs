namespace Hull.Containerd;

/// <summary>Why an image import failed.</summary>
internal enum ImageImportErrorKind
{
    /// <summary>The layout or archive is not an OCI image layout, or its JSON is not what the image spec says.</summary>
    InvalidSource,

    /// <summary>No usable image name: none given and no io.containerd.image.name annotation, or not a valid reference.</summary>
    InvalidName,

    /// <summary>A descriptor names a blob the layout or archive does not hold.</summary>
    MissingBlob,

    /// <summary>A blob's bytes do not hash to its digest, or a layer does not unpack to its diff ID.</summary>
    DigestMismatch,

    /// <summary>A blob is not the size its descriptor says.</summary>
    SizeMismatch,

    /// <summary>Something this importer does not handle: a digest algorithm, a media type, no manifest for this platform.</summary>
    Unsupported,

    /// <summary>containerd refused or failed a step; the inner <see cref="ContainerdException"/> says which call.</summary>
    Containerd,
}
