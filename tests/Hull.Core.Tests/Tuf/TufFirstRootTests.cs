using System.Text.Json.Nodes;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>A root made before any repository (shipped in images), and a repository started on exactly that file.</summary>
public sealed class TufFirstRootTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateFromRoot_RootFromSignFirstRoot_ClientTrustingThatFileDownloadsATarget()
    {
        using var s = TufScenario.Create();
        var root = TufRepositoryWriter.SignFirstRoot(s.Policy, s.AllKeys, timeProvider: s.Time);
        var repo = Path.Combine(s.RepoDir, "second");
        var client = Path.Combine(s.ClientDir, "second");
        Directory.CreateDirectory(client);
        File.WriteAllBytes(Path.Combine(client, "root.json"), root);

        var writer = TufRepositoryWriter.CreateFromRoot(repo, root, "keys/root.json", s.AllKeys, timeProvider: s.Time);
        var source = Path.Combine(s.KeysDir, "payload");
        File.WriteAllBytes(source, [7, 7, 7]);
        writer.AddTarget("payload", source);
        writer.Publish(s.AllKeys);
        var result = await new TufClient(new DirectoryTufTransport(repo), client, timeProvider: s.Time)
            .DownloadTargetAsync("payload", s.Download("payload"), Ct);

        result.Error.ShouldBeNull();
        File.ReadAllBytes(Path.Combine(repo, "metadata", "1.root.json")).ShouldBe(root);
        File.ReadAllBytes(Path.Combine(repo, "metadata", "root.json")).ShouldBe(root);
        writer.Root.Expires.ShouldBe(TufScenario.Start + TimeSpan.FromDays(365));
        File.ReadAllBytes(s.Download("payload")).ShouldBe([7, 7, 7]);
    }

    [Fact]
    public void CreateFromRoot_RootChangedAfterSigning_RefusedNamingTheFile()
    {
        using var s = TufScenario.Create();
        var json = JsonNode.Parse(TufRepositoryWriter.SignFirstRoot(s.Policy, s.AllKeys, timeProvider: s.Time))!;
        json["signed"]!["expires"] = "2099-01-01T00:00:00Z";
        var repo = Path.Combine(s.RepoDir, "second");

        var error = Should.Throw<InvalidDataException>(() =>
            TufRepositoryWriter.CreateFromRoot(repo, System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), "keys/root.json", s.AllKeys));

        error.Message.ShouldStartWith("keys/root.json: 0 valid signature(s)");
        Directory.Exists(repo).ShouldBeFalse();
    }

    [Fact]
    public void CreateFromRoot_NoSnapshotSigner_RefusedBeforeWritingAnything()
    {
        using var s = TufScenario.Create();
        var root = TufRepositoryWriter.SignFirstRoot(s.Policy, s.AllKeys, timeProvider: s.Time);
        var repo = Path.Combine(s.RepoDir, "second");

        var error = Should.Throw<InvalidOperationException>(() =>
            TufRepositoryWriter.CreateFromRoot(repo, root, "keys/root.json", s.AllKeys.Where(k => k != s.SnapshotKey)));

        error.Message.ShouldBe("snapshot.json: 0 of the signing keys given are snapshot keys in keys/root.json, and its threshold is 1");
        Directory.Exists(repo).ShouldBeFalse();
    }

    [Fact]
    public void SignFirstRoot_WithoutTheRootKey_Refused()
    {
        using var s = TufScenario.Create();

        Should.Throw<InvalidOperationException>(() => TufRepositoryWriter.SignFirstRoot(s.Policy, [s.TimestampKey]))
            .Message.ShouldContain("root.json: 0 of the signing keys given are root keys");
    }
}
