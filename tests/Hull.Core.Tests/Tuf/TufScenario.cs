using System.Text.Json;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>
/// A repository made with the real writer and a client of it, each in its own folder, with fresh keys and a
/// hand-moved clock. The client starts from the repository's 1.root.json, as if shipped in the image.
/// </summary>
internal sealed class TufScenario : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly List<TufSigner> _signers = [];

    private TufScenario(int rootKeys, int rootThreshold, int targetsKeys, int targetsThreshold, bool consistent, TufWriterOptions? options,
        DateTimeOffset? rootExpires)
    {
        Time = new ManualTime(Start);
        Directory.CreateDirectory(KeysDir);
        Directory.CreateDirectory(ClientDir);
        Directory.CreateDirectory(_temp.File("downloads"));
        RootKeys = [.. Enumerable.Range(0, rootKeys).Select(i => NewKey($"root{i}"))];
        TargetsKeys = [.. Enumerable.Range(0, targetsKeys).Select(i => NewKey($"targets{i}"))];
        SnapshotKey = NewKey("snapshot");
        TimestampKey = NewKey("timestamp");
        Policy = new TufRootPolicy(
            TufTestKeys.Policy(rootThreshold, [.. RootKeys]),
            TufTestKeys.Policy(targetsThreshold, [.. TargetsKeys]),
            TufTestKeys.Policy(1, SnapshotKey),
            TufTestKeys.Policy(1, TimestampKey),
            consistent);
        Writer = TufRepositoryWriter.Create(RepoDir, Policy, AllKeys, options, Time, rootExpires);
        File.Copy(MetadataFile("1.root.json"), Path.Combine(ClientDir, "root.json"));
    }

    public ManualTime Time { get; }

    public string RepoDir => _temp.File("repo");

    public string ClientDir => _temp.File("client");

    public string KeysDir => _temp.File("keys");

    public IReadOnlyList<TufSigner> RootKeys { get; }

    public IReadOnlyList<TufSigner> TargetsKeys { get; }

    public TufSigner SnapshotKey { get; }

    public TufSigner TimestampKey { get; }

    public TufRootPolicy Policy { get; }

    public TufRepositoryWriter Writer { get; }

    /// <summary>Every key the scenario made, for calls that pick per role.</summary>
    public List<TufSigner> AllKeys => [.. _signers];

    public static TufScenario Create(int rootKeys = 1, int rootThreshold = 1, int targetsKeys = 1, int targetsThreshold = 1,
        bool consistent = true, TufWriterOptions? options = null, DateTimeOffset? rootExpires = null) =>
        new(rootKeys, rootThreshold, targetsKeys, targetsThreshold, consistent, options, rootExpires);

    public TufSigner NewKey(string name)
    {
        var signer = TufTestKeys.Generate(KeysDir, name);
        _signers.Add(signer);
        return signer;
    }

    /// <summary>Random bytes standing in for an image.</summary>
    public static byte[] Image(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public TufClient Client(ITufTransport? transport = null, TufClientOptions? options = null) =>
        new(transport ?? new DirectoryTufTransport(RepoDir), ClientDir, options, Time);

    public string MetadataFile(string name) => Path.Combine(RepoDir, "metadata", name);

    /// <summary>Writes a source file with <paramref name="content"/> and publishes it as <paramref name="targetPath"/> (targets, snapshot, timestamp).</summary>
    public TufTargetFile Release(string targetPath, byte[] content, JsonElement? custom = null)
    {
        var source = _temp.Write($"sources/{Guid.NewGuid():N}", content);
        var entry = Writer.AddTarget(targetPath, source, custom);
        Writer.Publish(AllKeys);
        return entry;
    }

    /// <summary>Where the repository stores <paramref name="targetPath"/>'s bytes.</summary>
    public string StoredTargetFile(string targetPath) =>
        Path.Combine(RepoDir, TufRepositoryLayout.TargetPath(targetPath, Writer.Targets!.Targets[targetPath].Sha256!, Writer.Root.ConsistentSnapshot ?? false));

    public string Download(string name) => _temp.File($"downloads/{name}");

    public void Dispose()
    {
        foreach (var signer in _signers)
        {
            signer.Dispose();
        }

        _temp.Dispose();
    }
}
