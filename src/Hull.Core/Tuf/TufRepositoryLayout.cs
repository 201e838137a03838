namespace Hull.Tuf;

/// <summary>
/// Where files live in a repository, relative to its root: metadata in "metadata/", target files in "targets/".
/// With consistent snapshots a target "dir/name" is stored as "targets/dir/SHA256.name" (spec "Consistent snapshots").
/// </summary>
public static class TufRepositoryLayout
{
    /// <summary>The metadata folder.</summary>
    public const string MetadataFolder = "metadata";

    /// <summary>The target files folder.</summary>
    public const string TargetsFolder = "targets";

    /// <summary>The repository path of a metadata file, e.g. "metadata/3.root.json".</summary>
    public static string MetadataPath(string fileName) => $"{MetadataFolder}/{fileName}";

    /// <summary>The repository path a target is fetched from: "targets/PATH", or "targets/DIR/HASH.NAME" with consistent snapshots.</summary>
    public static string TargetPath(string targetPath, string sha256, bool consistentSnapshot) =>
        $"{TargetsFolder}/{(consistentSnapshot ? ConsistentName(targetPath, sha256) : targetPath)}";

    /// <summary>"dir/name" becomes "dir/HASH.name": the hash goes in front of the file name, not the path.</summary>
    public static string ConsistentName(string targetPath, string sha256)
    {
        var slash = targetPath.LastIndexOf('/');
        return slash < 0 ? $"{sha256}.{targetPath}" : $"{targetPath[..(slash + 1)]}{sha256}.{targetPath[(slash + 1)..]}";
    }

    /// <summary>
    /// Null when <paramref name="targetPath"/> is a safe relative '/'-separated path (no leading '/', no '\',
    /// no empty, "." or ".." segment); otherwise why not.
    /// </summary>
    public static string? CheckTargetPath(string targetPath)
    {
        if (targetPath.Length == 0)
        {
            return "the target path is empty";
        }

        if (targetPath.Contains('\\') || targetPath.Contains('\0'))
        {
            return $"target path '{targetPath}' contains '\\' or NUL";
        }

        return targetPath.Split('/').Any(segment => segment is "" or "." or "..")
            ? $"target path '{targetPath}' has an empty, '.' or '..' segment or a leading '/'"
            : null;
    }
}
