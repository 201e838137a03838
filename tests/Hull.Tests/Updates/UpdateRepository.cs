using System.Security.Cryptography;
using System.Text.Json;
using Hull.Tuf;
using Hull.Updates;
using Microsoft.Extensions.Time.Testing;
using ZstdSharp;

namespace Hull.Tests.Updates;

/// <summary>
/// A host and its update repository on the build machine: a TUF repository made by the real writer with keys from
/// openssl, releases whose root image (a few MiB of random bytes) and UKIs are zstd-compressed as <c>hull repo</c>
/// will; and the host's side, an ESP folder holding the factory entry <c>hull-1.0.0-a.efi</c>, two files standing
/// for ROOT-A and ROOT-B, a state folder and a clock the test moves.
/// </summary>
internal sealed class UpdateRepository : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public const long PartitionBytes = 8 << 20;

    private readonly TempDirectory _temp = new();
    private readonly List<TufSigner> _signers = [];
    private readonly List<Release> _releases = [];
    private readonly Dictionary<string, byte[]> _images = [];

    public UpdateRepository(int targetsKeys = 1, int targetsThreshold = 1)
    {
        Directory.CreateDirectory(_temp.File("keys"));
        TargetsKeys = [.. Enumerable.Range(0, targetsKeys).Select(i => NewKey($"targets{i}"))];
        RootKey = NewKey("root");
        SnapshotKey = NewKey("snapshot");
        TimestampKey = NewKey("timestamp");
        var policy = new TufRootPolicy(
            new TufRolePolicy([RootKey.Key], 1),
            new TufRolePolicy([.. TargetsKeys.Select(k => k.Key)], targetsThreshold),
            new TufRolePolicy([SnapshotKey.Key], 1),
            new TufRolePolicy([TimestampKey.Key], 1));
        Writer = TufRepositoryWriter.Create(RepoDir, policy, _signers, null, Time);
        PublishManifest();
        File.Copy(Path.Combine(RepoDir, "metadata", "1.root.json"), _temp.File("image-root.json"));
        Directory.CreateDirectory(Path.Combine(EspDir, "EFI", "Linux"));
        File.WriteAllBytes(Path.Combine(EspDir, "EFI", "Linux", "hull-1.0.0-a.efi"), Uki("1.0.0", 'a'));
        File.WriteAllBytes(PartitionA, new byte[PartitionBytes]);
        File.WriteAllBytes(PartitionB, new byte[PartitionBytes]);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public TufRepositoryWriter Writer { get; }

    public IReadOnlyList<TufSigner> TargetsKeys { get; }

    public TufSigner RootKey { get; }

    public TufSigner SnapshotKey { get; }

    public TufSigner TimestampKey { get; }

    public string RepoDir => _temp.File("repo");

    public string EspDir => _temp.File("esp");

    public string StateDir => _temp.File("state");

    public string PartitionA => _temp.File("ROOT-A.img");

    public string PartitionB => _temp.File("ROOT-B.img");

    public string LinuxDir => Path.Combine(EspDir, "EFI", "Linux");

    /// <summary>The fake UKI of <paramref name="version"/> for <paramref name="slot"/>: "MZ" and bytes of its own.</summary>
    public static byte[] Uki(string version, char slot)
    {
        var bytes = new byte[64 * 1024];
        new Random(HashCode.Combine(version, slot) & 0x7fffffff).NextBytes(bytes);
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        return bytes;
    }

    /// <summary>The raw root image of a published release.</summary>
    public byte[] RootImage(string version) => _images[$"{version}/root.img"];

    /// <summary>Publishes a release: its three payloads and the manifest listing it, signed (targets, snapshot, timestamp).</summary>
    public Release Publish(string version, int rootBytes = 3 << 20, string variant = "default", string arch = "x86_64",
        IReadOnlyList<UpdateWave>? waves = null, IReadOnlyList<SettingsMigration>? migrations = null)
    {
        var root = new byte[rootBytes];
        new Random(version.GetHashCode(StringComparison.Ordinal) & 0x7fffffff).NextBytes(root.AsSpan(0, rootBytes / 2));

        // The second half compresses (as an erofs image's zero padding does), so zstd has something to do.
        _images[$"{version}/root.img"] = root;
        var release = new Release(version, variant, arch, null, waves ?? [], ReleaseManifestParser.Zstd, new string('a', 64),
            new ReleaseImages(AddPayload($"{version}/root.img.zst", root), AddPayload($"{version}/uki-a.efi.zst", Uki(version, 'a')),
                AddPayload($"{version}/uki-b.efi.zst", Uki(version, 'b'))),
            migrations ?? []);
        _releases.Add(release);
        PublishManifest();
        return release;
    }

    /// <summary>Where the repository stores a target's bytes (consistent snapshots: DIR/SHA256.NAME).</summary>
    public string StoredTarget(string targetPath) =>
        Path.Combine(RepoDir, TufRepositoryLayout.TargetPath(targetPath, Writer.Targets!.Targets[targetPath].Sha256!, consistentSnapshot: true));

    /// <summary>Publishes the next targets.json signed by <paramref name="signers"/> only, with snapshot and timestamp signed by their real keys (an attacker holding those).</summary>
    public void PublishTargetsSignedBy(params TufSigner[] signers)
    {
        var targets = Writer.Targets! with { Version = Writer.Targets!.Version + 1 };
        var targetsFile = TufMetadataWriter.Write(targets, TufJsonContext.Default.TufTargets, signers);
        File.WriteAllBytes(Path.Combine(RepoDir, "metadata", $"{targets.Version}.targets.json"), targetsFile);
        var snapshot = Writer.Snapshot! with
        {
            Version = Writer.Snapshot!.Version + 1,
            Meta = new Dictionary<string, TufMetaFile> { ["targets.json"] = Meta(targets.Version, targetsFile) },
        };
        var snapshotFile = TufMetadataWriter.Write(snapshot, TufJsonContext.Default.TufSnapshot, [SnapshotKey]);
        File.WriteAllBytes(Path.Combine(RepoDir, "metadata", $"{snapshot.Version}.snapshot.json"), snapshotFile);
        var timestamp = Writer.Timestamp! with
        {
            Version = Writer.Timestamp!.Version + 1,
            Meta = new Dictionary<string, TufMetaFile> { ["snapshot.json"] = Meta(snapshot.Version, snapshotFile) },
        };
        File.WriteAllBytes(Path.Combine(RepoDir, "metadata", "timestamp.json"), TufMetadataWriter.Write(timestamp, TufJsonContext.Default.TufTimestamp, [TimestampKey]));
    }

    /// <summary>An agent for a host running <paramref name="version"/> from <paramref name="slot"/>, on this fixture's folders.</summary>
    public UpdateAgent Agent(string version = "1.0.0", char slot = 'a', string variant = "default", Action<PrepareStep>? beforeStep = null,
        UpdatePolicy? policy = null, ITufTransport? transport = null) =>
        UpdateAgent.Open(new UpdateAgentOptions
        {
            StateDirectory = StateDir,
            TrustedRootFile = _temp.File("image-root.json"),
            EspDirectory = EspDir,
            Host = new UpdateHost(HullVersion.TryParse(version, out var v) ? v : default, variant, "x86_64"),
            RunningSlot = slot,
            FindPartition = label => label switch { "ROOT-A" => PartitionA, "ROOT-B" => PartitionB, _ => null },
            ReadSettings = _ => Task.FromResult(new UpdateSettings(new Uri("http://updates.invalid/metadata/"), new Uri("http://updates.invalid/targets/"),
                policy ?? new UpdatePolicy(100, null, false))),
            Transport = _ => transport ?? new DirectoryTufTransport(RepoDir),
            Time = Time,
            BeforeStep = beforeStep,
        });

    /// <summary>The ESP's files, hashed.</summary>
    public string EspSnapshot() =>
        string.Join("\n", Directory.EnumerateFiles(EspDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(EspDir, f)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))}"));

    /// <summary>The ESP's files and the other slot's partition, hashed: equal snapshots mean the host was left untouched.</summary>
    public string HostSnapshot() =>
        string.Join("\n", EspSnapshot().Split('\n')
            .Append($"ROOT-A {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PartitionA)))}")
            .Append($"ROOT-B {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PartitionB)))}"));

    public void Dispose()
    {
        foreach (var signer in _signers)
        {
            signer.Dispose();
        }

        _temp.Dispose();
    }

    private TufSigner NewKey(string name)
    {
        var path = _temp.File($"keys/{name}.pem");
        ExternalTool.RunChecked("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path);
        var signer = TufSigner.FromPemFile(path);
        _signers.Add(signer);
        return signer;
    }

    private PayloadImage AddPayload(string target, byte[] raw)
    {
        using var compressor = new Compressor(3);
        var source = _temp.Write($"sources/{target}", compressor.Wrap(raw).ToArray());
        Writer.AddTarget(target, source);
        return new PayloadImage(target, raw.Length, Convert.ToHexStringLower(SHA256.HashData(raw)));
    }

    private void PublishManifest()
    {
        var manifest = new ReleaseManifest(ReleaseManifest.CurrentVersion, [.. _releases]);
        var source = _temp.Write($"sources/manifest-{_releases.Count}.json", JsonSerializer.SerializeToUtf8Bytes(manifest, UpdatesJsonContext.Default.ReleaseManifest));
        Writer.AddTarget(ReleaseManifest.TargetPath, source);
        Writer.Publish(_signers);
    }

    private static TufMetaFile Meta(long version, byte[] file) =>
        new(version, file.Length, new Dictionary<string, string> { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(file)) });
}
