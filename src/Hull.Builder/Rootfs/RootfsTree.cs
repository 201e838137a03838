using Hull.Builder.Tools;

namespace Hull.Builder.Rootfs;

/// <summary>A staging folder that becomes the root file system: files copied in from packages and from the build.</summary>
internal sealed class RootfsTree
{
    public RootfsTree(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        Root = directory;
    }

    /// <summary>The staging folder.</summary>
    public string Root { get; }

    /// <summary>The staging path for an absolute path inside the image.</summary>
    public string PathOf(string imagePath) => Path.Combine(Root, imagePath.TrimStart('/'));

    /// <summary>Copies the files matching <paramref name="entry"/> from the extracted package; fails if nothing matches.</summary>
    public int CopyFromPackage(RootfsEntry entry, string packageRoot)
    {
        var directory = Path.GetDirectoryName(entry.Pattern)!;
        var source = Path.Combine(packageRoot, directory.TrimStart('/'));
        var pattern = Path.GetFileName(entry.Pattern);
        var matches = Directory.Exists(source)
            ? new DirectoryInfo(source).EnumerateFileSystemInfos().Where(f => RootfsManifest.Matches(pattern, f.Name)).ToList()
            : [];
        if (matches.Count == 0)
        {
            throw new ToolException($"image/rootfs.txt: package '{entry.Package}' has no file matching {entry.Pattern}");
        }

        foreach (var file in matches)
        {
            var imagePath = RootfsManifest.MergedUsrPath(directory + "/" + file.Name);
            if (file.LinkTarget is { } target)
            {
                AddSymlink(imagePath, target);
            }
            else
            {
                AddFile(imagePath, file.FullName);
            }
        }

        return matches.Count;
    }

    /// <summary>Copies a file into the image, keeping its mode.</summary>
    public void AddFile(string imagePath, string sourceFile, UnixFileMode? mode = null)
    {
        var target = PathOf(imagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(sourceFile, target, overwrite: true);
        File.SetUnixFileMode(target, mode ?? File.GetUnixFileMode(sourceFile));
    }

    /// <summary>Writes a text file into the image.</summary>
    public void AddText(string imagePath, string content)
    {
        var target = PathOf(imagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, content);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>Creates a symlink in the image.</summary>
    public void AddSymlink(string imagePath, string target)
    {
        var link = PathOf(imagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        if (File.Exists(link) || Directory.Exists(link))
        {
            File.Delete(link);
        }

        File.CreateSymbolicLink(link, target);
    }

    /// <summary>Creates an empty directory (a mount point) in the image.</summary>
    public void AddDirectory(string imagePath) => Directory.CreateDirectory(PathOf(imagePath));

    /// <summary>
    /// Takes a file, symlink or directory (with everything under it) out of the image (`hull build --exclude`);
    /// throws naming <paramref name="imagePath"/> when it is not an absolute path in the tree.
    /// </summary>
    public void Remove(string imagePath)
    {
        var segments = imagePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!imagePath.StartsWith('/') || segments.Length == 0 || segments.Any(s => s is "." or ".."))
        {
            throw new ToolException($"--exclude {imagePath}: expected an absolute path inside the root, such as /usr/bin/runc");
        }

        // Walk segment by segment without following links: /bin/x (bin links to usr/bin) is refused rather than found
        // through the link, and a link named last is removed as itself, never what it points to.
        var path = Root;
        var isLink = false;
        for (var i = 0; i < segments.Length; i++)
        {
            path = Path.Combine(path, segments[i]);
            isLink = new FileInfo(path).LinkTarget is not null;
            if (!isLink && !File.Exists(path) && !Directory.Exists(path))
            {
                throw new ToolException($"--exclude {imagePath}: not in the root tree");
            }

            if (isLink && i < segments.Length - 1)
            {
                throw new ToolException($"--exclude {imagePath}: {PathInImage(path)} is a symlink in the root tree; name the path it points to");
            }
        }

        if (!isLink && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }

    private string PathInImage(string stagingPath) => "/" + Path.GetRelativePath(Root, stagingPath);
}
