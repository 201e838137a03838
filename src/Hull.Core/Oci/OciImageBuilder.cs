using System.Formats.Tar;
using System.Text.Json;

namespace Hull.Oci;

/// <summary>
/// Makes a one-layer OCI image from files, symlinks and directories plus an image config, and
/// writes it into an OCI image layout (image-spec image-layout.md). Parent directories are
/// added (0755) when not given; the same inputs give the same digests.
/// </summary>
public sealed class OciImageBuilder
{
    /// <summary>0644.</summary>
    public const UnixFileMode RegularMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>0755.</summary>
    public const UnixFileMode ExecutableMode = RegularMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>0755.</summary>
    public const UnixFileMode DirectoryMode = ExecutableMode;

    /// <summary>The one time written everywhere (tar mtimes, config "created"), so digests do not depend on the clock.</summary>
    public static readonly DateTimeOffset Timestamp = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, OciLayerEntry> _entries = new(StringComparer.Ordinal);

    public IReadOnlyList<string>? Entrypoint { get; set; }

    public IReadOnlyList<string>? Cmd { get; set; }

    /// <summary>"KEY=value" strings.</summary>
    public IReadOnlyList<string>? Env { get; set; }

    public string? WorkingDir { get; set; }

    /// <summary>"8080/tcp", "53/udp".</summary>
    public IReadOnlyList<string>? ExposedPorts { get; set; }

    public string? User { get; set; }

    public IReadOnlyDictionary<string, string>? Labels { get; set; }

    /// <summary>GOARCH spelling, "amd64" by default.</summary>
    public string Architecture { get; set; } = "amd64";

    public string Os { get; set; } = "linux";

    /// <summary>Adds a file with <paramref name="content"/> at <paramref name="imagePath"/> (replacing an earlier entry there).</summary>
    public OciImageBuilder AddFile(string imagePath, byte[] content, UnixFileMode mode = RegularMode) =>
        Add(new OciLayerEntry(Normalize(imagePath), TarEntryType.RegularFile, mode) { Content = content });

    /// <summary>Adds a UTF-8 text file.</summary>
    public OciImageBuilder AddTextFile(string imagePath, string text, UnixFileMode mode = RegularMode) =>
        AddFile(imagePath, System.Text.Encoding.UTF8.GetBytes(text), mode);

    /// <summary>Adds the host file <paramref name="hostPath"/> (read when the layout is written) with its own mode unless one is given.</summary>
    public OciImageBuilder AddHostFile(string imagePath, string hostPath, UnixFileMode? mode = null)
    {
        if (!File.Exists(hostPath))
        {
            throw new FileNotFoundException($"{hostPath} (for {imagePath} in the image) does not exist");
        }

        return Add(new OciLayerEntry(Normalize(imagePath), TarEntryType.RegularFile, mode ?? File.GetUnixFileMode(hostPath)) { HostPath = hostPath });
    }

    /// <summary>Adds a symbolic link at <paramref name="imagePath"/> pointing at <paramref name="target"/> (as written, relative or absolute).</summary>
    public OciImageBuilder AddSymlink(string imagePath, string target) =>
        Add(new OciLayerEntry(Normalize(imagePath), TarEntryType.SymbolicLink, ExecutableMode | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite) { LinkTarget = target });

    /// <summary>Adds a directory (parents of files are added anyway; use this for empty ones or another mode).</summary>
    public OciImageBuilder AddDirectory(string imagePath, UnixFileMode mode = DirectoryMode) =>
        Add(new OciLayerEntry(Normalize(imagePath), TarEntryType.Directory, mode));

    /// <summary>
    /// Writes the image into the layout at <paramref name="layoutDirectory"/> (created if missing;
    /// an existing layout keeps its other images) under <paramref name="name"/> ("repo:tag",
    /// "host:port/repo:tag"; no tag means "latest"). index.json gets the tag as
    /// org.opencontainers.image.ref.name and the full name as io.containerd.image.name.
    /// </summary>
    public OciImage WriteLayout(string layoutDirectory, string name)
    {
        var tag = ImageName.Tag(name);
        var blobs = Path.Combine(layoutDirectory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);

        var tar = Path.Combine(blobs, ".layer.tar.tmp");
        var gz = Path.Combine(blobs, ".layer.tar.gz.tmp");
        OciLayerWriter.WriteTar(WithParents(), tar);
        var diffId = OciLayerWriter.Digest(tar);
        OciLayerWriter.Gzip(tar, gz);
        File.Delete(tar);
        var layer = new OciDescriptor(OciMediaTypes.LayerGzip, OciLayerWriter.Digest(gz), new FileInfo(gz).Length);
        File.Move(gz, BlobPath(layoutDirectory, layer.Digest), overwrite: true);

        var config = WriteBlob(layoutDirectory, OciMediaTypes.Config, JsonSerializer.SerializeToUtf8Bytes(ImageConfig(diffId), OciJsonContext.Default.OciImageConfig));
        var manifest = WriteBlob(layoutDirectory, OciMediaTypes.Manifest, JsonSerializer.SerializeToUtf8Bytes(new OciManifest(config, [layer]), OciJsonContext.Default.OciManifest)) with
        {
            Annotations = new Dictionary<string, string>
            {
                ["io.containerd.image.name"] = name,
                ["org.opencontainers.image.ref.name"] = tag,
            },
            Platform = new OciPlatform(Architecture, Os),
        };

        var indexPath = Path.Combine(layoutDirectory, "index.json");
        var others = File.Exists(indexPath)
            ? JsonSerializer.Deserialize(File.ReadAllBytes(indexPath), OciJsonContext.Default.OciIndex)!.Manifests
                .Where(m => m.Annotations?.GetValueOrDefault("org.opencontainers.image.ref.name") != tag)
            : [];
        File.WriteAllBytes(indexPath, JsonSerializer.SerializeToUtf8Bytes(new OciIndex([.. others, manifest]), OciJsonContext.Default.OciIndex));
        File.WriteAllBytes(Path.Combine(layoutDirectory, "oci-layout"), JsonSerializer.SerializeToUtf8Bytes(new OciLayoutMarker(), OciJsonContext.Default.OciLayoutMarker));
        return new OciImage(layoutDirectory, name, tag, manifest, config, layer, diffId);
    }

    /// <summary>The path of blob <paramref name="digest"/> ("sha256:...") in a layout.</summary>
    public static string BlobPath(string layoutDirectory, string digest) =>
        Path.Combine(layoutDirectory, "blobs", "sha256", digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest["sha256:".Length..] : throw new ArgumentException($"digest {digest} is not sha256", nameof(digest)));

    private OciImageConfig ImageConfig(string diffId) => new(
        Timestamp,
        Architecture,
        Os,
        new OciContainerConfig
        {
            User = User,
            ExposedPorts = ExposedPorts?.ToDictionary(p => p, _ => new OciEmptyObject(), StringComparer.Ordinal),
            Env = Env,
            Entrypoint = Entrypoint,
            Cmd = Cmd,
            WorkingDir = WorkingDir,
            Labels = Labels,
        },
        new OciRootFs([diffId]));

    private static OciDescriptor WriteBlob(string layoutDirectory, string mediaType, byte[] bytes)
    {
        var descriptor = new OciDescriptor(mediaType, OciLayerWriter.Digest(bytes), bytes.Length);
        File.WriteAllBytes(BlobPath(layoutDirectory, descriptor.Digest), bytes);
        return descriptor;
    }

    private List<OciLayerEntry> WithParents()
    {
        var all = new Dictionary<string, OciLayerEntry>(_entries, StringComparer.Ordinal);
        foreach (var path in _entries.Keys)
        {
            for (var parent = Path.GetDirectoryName(path); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
            {
                all.TryAdd(parent, new OciLayerEntry(parent, TarEntryType.Directory, DirectoryMode));
            }
        }

        return [.. all.Values];
    }

    private OciImageBuilder Add(OciLayerEntry entry)
    {
        _entries[entry.Path] = entry;
        return this;
    }

    /// <summary>"/bin/sh" → "bin/sh"; refuses paths that leave the root.</summary>
    private static string Normalize(string imagePath)
    {
        var parts = imagePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Count == 0 || parts.Contains(".."))
        {
            throw new ArgumentException($"image path '{imagePath}' must name something below / without '..'", nameof(imagePath));
        }

        return string.Join('/', parts);
    }
}
