namespace Hull.Tuf;

/// <summary>
/// Writes a TUF repository in a folder (metadata/ and targets/, see <see cref="TufRepositoryLayout"/>): creates it,
/// adds target files, signs new versions of targets, snapshot and timestamp, and rotates root keys. Signing keys
/// are <see cref="TufSigner"/>s the caller loads from PEM files; each call picks, from the signers it is given,
/// those the role lists, and refuses when fewer than the role's threshold are there.
/// </summary>
public sealed partial class TufRepositoryWriter
{
    private readonly string _metadataDirectory;
    private readonly string _targetsDirectory;
    private readonly TufWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, TufTargetFile> _targetFiles = new(StringComparer.Ordinal);

    private TufRoot _root;
    private TufTargets? _targets;
    private byte[]? _targetsBytes;
    private TufSnapshot? _snapshot;
    private byte[]? _snapshotBytes;
    private TufTimestamp? _timestamp;

    private TufRepositoryWriter(string directory, TufRoot root, TufWriterOptions? options, TimeProvider? timeProvider)
    {
        Directory = Path.GetFullPath(directory);
        _metadataDirectory = Path.Combine(Directory, TufRepositoryLayout.MetadataFolder);
        _targetsDirectory = Path.Combine(Directory, TufRepositoryLayout.TargetsFolder);
        _root = root;
        _options = options ?? new TufWriterOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The repository folder.</summary>
    public string Directory { get; }

    /// <summary>The latest root.</summary>
    public TufRoot Root => _root;

    /// <summary>The latest signed targets, or null before the first.</summary>
    public TufTargets? Targets => _targets;

    /// <summary>The latest signed snapshot, or null before the first.</summary>
    public TufSnapshot? Snapshot => _snapshot;

    /// <summary>The latest signed timestamp, or null before the first.</summary>
    public TufTimestamp? Timestamp => _timestamp;

    /// <summary>
    /// Creates a repository in <paramref name="directory"/> (which must not hold one): root version 1 from
    /// <paramref name="policy"/>, then version 1 of an empty targets, snapshot and timestamp, all signed by
    /// <paramref name="signers"/>, which must include a threshold of every role's keys.
    /// </summary>
    public static TufRepositoryWriter Create(string directory, TufRootPolicy policy, IEnumerable<TufSigner> signers,
        TufWriterOptions? options = null, TimeProvider? timeProvider = null, DateTimeOffset? rootExpires = null)
    {
        var keys = signers.ToList();
        var rootFile = Path.Combine(directory, TufRepositoryLayout.MetadataFolder, TufRoles.FileName(TufRoles.Root));
        if (File.Exists(rootFile))
        {
            throw new InvalidOperationException($"{rootFile}: the folder already holds a repository");
        }

        var time = timeProvider ?? TimeProvider.System;
        var root = BuildRoot(policy, 1, ExpiresAt(time, rootExpires, (options ?? new TufWriterOptions()).RootLifetime), extra: null);
        // Every role's signers are checked before anything is written, so a refusal leaves no half repository.
        var chosen = TufRoles.All.ToDictionary(role => role, role => Choose(root, role, keys, "the new root.json"));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(rootFile)!);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, TufRepositoryLayout.TargetsFolder));
        var writer = new TufRepositoryWriter(directory, root, options, time);
        writer.WriteRoot(root, chosen[TufRoles.Root]);
        writer.Publish(keys);
        return writer;
    }

    /// <summary>Opens the repository in <paramref name="directory"/> at its latest root, targets, snapshot and timestamp.</summary>
    public static TufRepositoryWriter Open(string directory, TufWriterOptions? options = null, TimeProvider? timeProvider = null)
    {
        var metadata = Path.Combine(directory, TufRepositoryLayout.MetadataFolder);
        var root = Read(metadata, TufRoles.Root, TufMetadataParser.Root);
        var targets = Read(metadata, TufRoles.Targets, TufMetadataParser.Targets);
        var snapshot = Read(metadata, TufRoles.Snapshot, TufMetadataParser.Snapshot);
        var timestamp = Read(metadata, TufRoles.Timestamp, TufMetadataParser.Timestamp);
        var writer = new TufRepositoryWriter(directory, root.Signed, options, timeProvider)
        {
            _targets = targets.Signed,
            _targetsBytes = targets.FileBytes,
            _snapshot = snapshot.Signed,
            _snapshotBytes = snapshot.FileBytes,
            _timestamp = timestamp.Signed,
        };
        foreach (var (path, file) in targets.Signed.Targets)
        {
            writer._targetFiles[path] = file;
        }

        return writer;
    }

    private static TufMetadata<T> Read<T>(string metadataDirectory, string role, Func<byte[], string, TufResult<TufMetadata<T>>> parse)
        where T : ITufSigned
    {
        var path = Path.Combine(metadataDirectory, TufRoles.FileName(role));
        var bytes = TufFiles.ReadIfExists(path) ?? throw new InvalidDataException($"{path}: missing; not a TUF repository written by this tool");
        var parsed = parse(bytes, path);
        return parsed.Succeeded ? parsed.Value : throw new InvalidDataException(parsed.Error.Message);
    }

    private DateTimeOffset ExpiresAt(DateTimeOffset? explicitExpiry, TimeSpan lifetime) => ExpiresAt(_time, explicitExpiry, lifetime);

    private static DateTimeOffset ExpiresAt(TimeProvider time, DateTimeOffset? explicitExpiry, TimeSpan lifetime)
    {
        // Whole seconds: the file format has no fractions, and the in-memory record should equal the file.
        var at = explicitExpiry ?? time.GetUtcNow() + lifetime;
        return new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>Writes VERSION.NAME (with consistent snapshots, or always for root) and then NAME, so NAME never points ahead of what exists.</summary>
    private void WriteMetadata(string role, long version, byte[] bytes, bool versioned)
    {
        if (versioned)
        {
            TufFiles.WriteAtomic(Path.Combine(_metadataDirectory, TufRoles.VersionedFileName(version, role)), bytes);
        }

        TufFiles.WriteAtomic(Path.Combine(_metadataDirectory, TufRoles.FileName(role)), bytes);
    }
}
