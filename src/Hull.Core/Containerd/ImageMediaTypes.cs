namespace Hull.Containerd;

/// <summary>The manifest and index media types an import walks: OCI's and Docker's schema 2, which containerd treats alike.</summary>
internal static class ImageMediaTypes
{
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";
    private const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>An index over manifests (one per platform) or other indexes.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>One image: a config and layers.</summary>
    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;
}
