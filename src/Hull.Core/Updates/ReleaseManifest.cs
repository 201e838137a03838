namespace Hull.Updates;

/// <summary>
/// manifest.json, the one TUF target every host reads first: the releases an update repository offers.
/// Its integrity comes from TUF (targets.json lists its length and hash); its contents are checked by
/// <c>ReleaseManifestParser</c>.
/// </summary>
public sealed record ReleaseManifest(int ManifestVersion, IReadOnlyList<Release> Releases)
{
    /// <summary>The TUF target path of the manifest.</summary>
    public const string TargetPath = "manifest.json";

    /// <summary>The only manifest_version this code reads and writes.</summary>
    public const int CurrentVersion = 1;
}
