using System.Text.Json;
using Hull.Builder.Build;
using Hull.Builder.Keys;
using Hull.Builder.Repo;
using Hull.Builder.Tests.TestSupport;
using Hull.Tuf;
using Hull.Updates;

namespace Hull.Builder.Tests.Repo;

/// <summary>
/// Fresh update keys and a repository made with them, fake builds of small payload files, and a host-side TufClient
/// that starts from keys/updates/root.json, as an image built with these keys would.
/// </summary>
internal sealed class RepoScenario : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();

    public RepoScenario()
    {
        Time = new ManualTime(Start);
        Keys = new UpdateKeys(_temp.File("keys"));
        Repository = UpdateRepository.Create(RepoDir, Keys, Time, Log);
        Directory.CreateDirectory(ClientDir);
        File.Copy(Keys.RootFile, Path.Combine(ClientDir, "root.json"));
    }

    public ManualTime Time { get; }

    public UpdateKeys Keys { get; }

    public UpdateRepository Repository { get; private set; }

    public StringWriter Log { get; } = new();

    public string RepoDir => _temp.File("repo");

    public string ClientDir => _temp.File("client");

    public string Scratch(string name) => _temp.File(name);

    /// <summary>The repository as a later `hull repo` run opens it.</summary>
    public UpdateRepository Reopen() => Repository = UpdateRepository.Open(RepoDir, Keys, Time, Log);

    /// <summary>A build.json for <paramref name="version"/> with small payloads (compressible, and different per version) and its path.</summary>
    public (BuildManifest Build, string File) FakeBuild(string version, string variant = "default", string? ukiB = "")
    {
        var dir = Directory.CreateDirectory(_temp.File($"builds/{version}-{variant}")).FullName;
        var seed = version.GetHashCode(StringComparison.Ordinal);
        string Payload(string name, int length)
        {
            var bytes = new byte[length];
            var random = new Random(seed ^ name.Length);
            // Half noise, half runs: zstd has something to do, and a broken decompressor shows.
            for (var i = 0; i < length; i += 4096)
            {
                var block = bytes.AsSpan(i, Math.Min(4096, length - i));
                if (i / 4096 % 2 == 0)
                {
                    random.NextBytes(block);
                }
                else
                {
                    block.Fill((byte)(i / 4096));
                }
            }

            var path = Path.Combine(dir, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        var build = new BuildManifest(version, variant, "x86_64", "test0001", "6.1.0-99-cloud-amd64", new string('c', 64),
            Path.Combine(dir, "disk.img"), Payload("root.img", 300_000), Path.Combine(dir, "vmlinuz"), Path.Combine(dir, "initramfs.img"),
            Path.Combine(dir, "cmdline-a.txt"), Path.Combine(dir, "cmdline-b.txt"), Payload("uki-a.efi", 70_000),
            ukiB == "" ? Payload("uki-b.efi", 70_001) : ukiB!, Path.Combine(dir, "OVMF_VARS.fd"), 0, 0, 300_000, 70_000, 0, 0);
        var file = Path.Combine(dir, "build.json");
        File.WriteAllText(file, JsonSerializer.Serialize(build, BuildJsonContext.Default.BuildManifest));
        return (build, file);
    }

    public Task<Release> AddAsync(string version, ReleaseOptions? options = null, string variant = "default")
    {
        var (build, file) = FakeBuild(version, variant);
        return Repository.AddAsync(build, file, options ?? ReleaseOptions.Default, TestContext.Current.CancellationToken);
    }

    /// <summary>A client with its own state folder, trusting keys/updates/root.json, at the scenario's clock.</summary>
    public TufClient Client() => new(new DirectoryTufTransport(RepoDir), ClientDir, timeProvider: Time);

    /// <summary>The manifest as a host reads it: downloaded through TUF, then deserialized with the manifest's own context.</summary>
    public async Task<ReleaseManifest> ClientManifestAsync(TufClient client)
    {
        var file = _temp.File($"downloads/manifest-{Guid.NewGuid():N}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var result = await client.DownloadTargetAsync(ReleaseManifest.TargetPath, file, TestContext.Current.CancellationToken);
        result.Error.ShouldBeNull();
        return JsonSerializer.Deserialize(File.ReadAllBytes(file), UpdatesJsonContext.Default.ReleaseManifest)!;
    }

    /// <summary>Downloads <paramref name="image"/>'s target through TUF and decompresses it with the zstd tool (an outside decoder).</summary>
    public async Task<byte[]> ClientPayloadAsync(TufClient client, PayloadImage image)
    {
        var compressed = _temp.File($"downloads/{Guid.NewGuid():N}.zst");
        Directory.CreateDirectory(Path.GetDirectoryName(compressed)!);
        var result = await client.DownloadTargetAsync(image.Target, compressed, TestContext.Current.CancellationToken);
        result.Error.ShouldBeNull();
        var plain = compressed[..^4];
        ExternalTool.RunChecked("zstd", "-q", "-d", compressed, "-o", plain);
        return File.ReadAllBytes(plain);
    }

    public void Dispose() => _temp.Dispose();
}
