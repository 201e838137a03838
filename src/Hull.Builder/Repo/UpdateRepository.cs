using System.Security.Cryptography;
using System.Text.Json;
using Hull.Builder.Keys;
using Hull.Builder.Tools;
using Hull.Tuf;
using Hull.Updates;

namespace Hull.Builder.Repo;

/// <summary>
/// An update repository (`hull repo`): a TUF repository (<see cref="TufRepositoryWriter"/>, consistent snapshots)
/// whose targets are manifest.json (<see cref="ReleaseManifest"/>) and, per release, V/root.img.zst,
/// V/uki-a.efi.zst and V/uki-b.efi.zst. Signing keys come from keys/updates (<see cref="UpdateKeys"/>).
/// </summary>
internal sealed partial class UpdateRepository
{
    /// <summary>How every payload is compressed (<see cref="Release.Compression"/>).</summary>
    public const string Compression = "zstd";

    private readonly TufRepositoryWriter _writer;
    private readonly UpdateKeys _keys;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;

    private UpdateRepository(TufRepositoryWriter writer, UpdateKeys keys, TimeProvider time, TextWriter log)
    {
        _writer = writer;
        _keys = keys;
        _time = time;
        _log = log;
    }

    /// <summary>The repository folder (metadata/ and targets/).</summary>
    public string Directory => _writer.Directory;

    /// <summary>The TUF state as last signed (for `hull repo list` and tests).</summary>
    public TufRepositoryWriter Tuf => _writer;

    /// <summary>
    /// Makes a repository in <paramref name="directory"/> on keys/updates/root.json (made first if the keys are new):
    /// its 1.root.json is that file byte for byte, so images built with these keys trust it. Publishes an empty manifest.
    /// </summary>
    public static UpdateRepository Create(string directory, UpdateKeys keys, TimeProvider? time = null, TextWriter? log = null)
    {
        time ??= TimeProvider.System;
        log ??= TextWriter.Null;
        if (File.Exists(Path.Combine(directory, TufRepositoryLayout.MetadataFolder, TufRoles.FileName(TufRoles.Root))))
        {
            throw new ToolException($"{directory}: already holds an update repository (metadata/root.json)");
        }

        if (keys.Ensure(time))
        {
            log.WriteLine($"created update signing keys and their TUF root in {keys.Directory} (keep them out of git)");
        }

        using var signers = keys.LoadSigners();
        var writer = Signing(keys, () => TufRepositoryWriter.CreateFromRoot(directory, File.ReadAllBytes(keys.RootFile), keys.RootFile, signers.All, timeProvider: time));
        var repository = new UpdateRepository(writer, keys, time, log);
        repository.PublishManifest(new ReleaseManifest(ReleaseManifest.CurrentVersion, []), signers);
        log.WriteLine($"created update repository {writer.Directory}: serve metadata/ and targets/ as settings.updates.metadata-base-url and targets-base-url");
        return repository;
    }

    /// <summary>Opens the repository in <paramref name="directory"/>.</summary>
    public static UpdateRepository Open(string directory, UpdateKeys keys, TimeProvider? time = null, TextWriter? log = null)
    {
        time ??= TimeProvider.System;
        if (!File.Exists(Path.Combine(directory, TufRepositoryLayout.MetadataFolder, TufRoles.FileName(TufRoles.Root))))
        {
            throw new ToolException($"{directory}: not an update repository (no metadata/root.json); make one with `hull repo create --repo {directory}`");
        }

        try
        {
            return new UpdateRepository(TufRepositoryWriter.Open(directory, timeProvider: time), keys, time, log ?? TextWriter.Null);
        }
        catch (InvalidDataException e)
        {
            throw new ToolException(e.Message);
        }
    }

    /// <summary>The manifest the latest targets.json lists, checked against its listed length and hash.</summary>
    public ReleaseManifest ReadManifest()
    {
        var file = ManifestFile(out var target);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"{file}: cannot read the manifest: {e.Message}");
        }

        if (bytes.LongLength != target.Length || !string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), target.Sha256, StringComparison.Ordinal))
        {
            throw new ToolException($"{file}: does not match the length and sha256 targets.json lists for {ReleaseManifest.TargetPath}");
        }

        try
        {
            var manifest = JsonSerializer.Deserialize(bytes, UpdatesJsonContext.Default.ReleaseManifest) ?? throw new JsonException("the file is JSON null");
            return manifest.ManifestVersion == ReleaseManifest.CurrentVersion
                ? manifest
                : throw new ToolException($"{file}: manifest_version {manifest.ManifestVersion}; this tool writes version {ReleaseManifest.CurrentVersion}");
        }
        catch (JsonException e)
        {
            throw new ToolException($"{file}: not a release manifest: {e.Message}");
        }
    }

    /// <summary>Takes release <paramref name="version"/> out of the manifest and stops listing its payloads (their files stay for clients mid-download).</summary>
    public Release RemoveRelease(string version)
    {
        var manifest = ReadManifest();
        var release = HullVersion.TryParse(version, out var wanted)
            ? manifest.Releases.FirstOrDefault(r => HullVersion.TryParse(r.Version, out var v) && v == wanted)
            : null;
        if (release is null)
        {
            throw new ToolException($"--version {version}: no such release in {ReleaseManifest.TargetPath} (it has {Versions(manifest)})");
        }

        foreach (var image in (PayloadImage[])[release.Images.Root, release.Images.UkiA, release.Images.UkiB])
        {
            _writer.RemoveTarget(image.Target);
        }

        using var signers = _keys.LoadSigners();
        PublishManifest(manifest with { Releases = [.. manifest.Releases.Where(r => r != release)] }, signers);
        _log.WriteLine($"removed release {release.Version} ({release.Variant}, {release.Arch}); targets version {_writer.Targets!.Version}");
        return release;
    }

    private string ManifestFile(out TufTargetFile target)
    {
        if (_writer.Targets?.Targets.GetValueOrDefault(ReleaseManifest.TargetPath) is not { Sha256: { } sha256 } listed)
        {
            throw new ToolException($"{Path.Combine(Directory, "metadata", "targets.json")}: lists no {ReleaseManifest.TargetPath}; not a repository made by `hull repo create`");
        }

        target = listed;
        return Path.Combine(Directory, TufRepositoryLayout.TargetPath(ReleaseManifest.TargetPath, sha256, _writer.Root.ConsistentSnapshot ?? false));
    }

    /// <summary>Writes <paramref name="manifest"/> as the manifest target and signs targets, snapshot and timestamp.</summary>
    private void PublishManifest(ReleaseManifest manifest, SignerSet signers)
    {
        var work = WorkDirectory();
        try
        {
            var file = Path.Combine(work, ReleaseManifest.TargetPath);
            File.WriteAllBytes(file, JsonSerializer.SerializeToUtf8Bytes(manifest, UpdatesJsonContext.Default.ReleaseManifest));
            _writer.AddTarget(ReleaseManifest.TargetPath, file);
            Signing(_keys, () => _writer.Publish(signers.All));
        }
        finally
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
    }

    // Beside the repository (same file system, so payloads are written once and copied in cheaply), never under the
    // metadata/ or targets/ folders that are served.
    private string WorkDirectory() => System.IO.Directory.CreateDirectory(Path.Combine(Directory, $".work-{Guid.NewGuid():N}")).FullName;

    private static string Versions(ReleaseManifest manifest) =>
        manifest.Releases.Count == 0 ? "no releases" : string.Join(", ", manifest.Releases.Select(r => r.Version));

    // The writer refuses with the file and the threshold when keys are missing; say which key folder was used.
    private static T Signing<T>(UpdateKeys keys, Func<T> sign)
    {
        try
        {
            return sign();
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
        {
            throw new ToolException($"{e.Message} (signing keys from {keys.Directory})");
        }
    }

    private static void Signing(UpdateKeys keys, Action sign) => Signing(keys, () =>
    {
        sign();
        return 0;
    });
}
