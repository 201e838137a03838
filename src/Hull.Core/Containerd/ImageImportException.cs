namespace Hull.Containerd;

/// <summary>
/// An image import failed; the message names the image (when known), where it came from, the
/// step and the blob or value at fault, e.g. "import of hull/httpd:1 from OCI layout /tmp/x:
/// write layer 1/1 sha256:…: the blob's bytes hash to sha256:… (corrupted?)".
/// </summary>
internal sealed class ImageImportException(ImageImportErrorKind kind, string image, string source, string step, string detail, Exception? inner = null)
    : Exception($"import of {(image.Length == 0 ? "images" : image)} from {source}: {step}: {detail}", inner)
{
    /// <summary>What kind of failure this is.</summary>
    public ImageImportErrorKind Kind { get; } = kind;

    /// <summary>The image name being imported, or "" when the failure came before any was known.</summary>
    public string Image { get; } = image;

    /// <summary>The layout or archive, e.g. "OCI layout /tmp/x".</summary>
    public string Origin { get; } = source;

    /// <summary>What was being done, e.g. "unpack layer 2/3 sha256:…".</summary>
    public string Step { get; } = step;
}
