using System.Security.Cryptography;
using System.Text.Json;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

public sealed class TufRepositoryWriterTests
{
    [Fact]
    public void Create_NewRepository_WritesVersionOneOfEveryRole()
    {
        using var s = TufScenario.Create(rootKeys: 3, rootThreshold: 2);

        Directory.GetFiles(Path.Combine(s.RepoDir, "metadata")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(
            ["1.root.json", "1.snapshot.json", "1.targets.json", "root.json", "snapshot.json", "targets.json", "timestamp.json"]);
        s.Writer.Root.Roles["root"].Threshold.ShouldBe(2);
        s.Writer.Root.Roles["root"].KeyIds.Count.ShouldBe(3);
        s.Writer.Root.ConsistentSnapshot.ShouldBe(true);
        s.Writer.Targets!.Targets.ShouldBeEmpty();
        s.Writer.Root.Expires.ShouldBe(TufScenario.Start + TimeSpan.FromDays(365));
        var targetsFile = File.ReadAllBytes(s.MetadataFile("1.targets.json"));
        var listed = s.Writer.Snapshot!.Meta["targets.json"];
        listed.Version.ShouldBe(1);
        listed.Length.ShouldBe(targetsFile.Length);
        listed.Hashes!["sha256"].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(targetsFile)));
        s.Writer.Timestamp!.Meta["snapshot.json"].Hashes!["sha256"].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(s.MetadataFile("1.snapshot.json")))));
    }

    [Fact]
    public void Create_FolderAlreadyHoldsARepository_Refused()
    {
        using var s = TufScenario.Create();

        Should.Throw<InvalidOperationException>(() => TufRepositoryWriter.Create(s.RepoDir, s.Policy, s.AllKeys))
            .Message.ShouldContain(Path.Combine("metadata", "root.json"));
    }

    [Fact]
    public void Create_ThresholdAboveKeyCount_Refused()
    {
        using var s = TufScenario.Create();
        var policy = s.Policy with { Snapshot = TufTestKeys.Policy(2, s.SnapshotKey) };

        Should.Throw<ArgumentException>(() => TufRepositoryWriter.Create(Path.Combine(s.RepoDir, "other"), policy, s.AllKeys))
            .Message.ShouldContain("role 'snapshot' has threshold 2 with 1 distinct key(s)");
    }

    [Fact]
    public void Create_NoTimestampSigner_RefusedBeforeWritingAnything()
    {
        using var s = TufScenario.Create();
        var other = Path.Combine(s.RepoDir, "other");

        var error = Should.Throw<InvalidOperationException>(() =>
            TufRepositoryWriter.Create(other, s.Policy, s.AllKeys.Where(k => k != s.TimestampKey)));

        error.Message.ShouldBe("timestamp.json: 0 of the signing keys given are timestamp keys in the new root.json, and its threshold is 1");
        Directory.Exists(other).ShouldBeFalse();
    }

    [Fact]
    public void AddTarget_ConsistentSnapshots_StoresTheFileUnderItsHash()
    {
        using var s = TufScenario.Create();

        var entry = s.Release("images/hull.img", [1, 2, 3, 4]);

        entry.Length.ShouldBe(4);
        entry.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3, 4 })));
        File.ReadAllBytes(Path.Combine(s.RepoDir, "targets", "images", $"{entry.Sha256}.hull.img")).ShouldBe([1, 2, 3, 4]);
        Directory.GetFiles(Path.Combine(s.RepoDir, "targets", "images")).Length.ShouldBe(1);
    }

    [Theory]
    [InlineData("../escape.img")]
    [InlineData("/abs.img")]
    [InlineData("a//b.img")]
    [InlineData("a\\b.img")]
    [InlineData("")]
    public void AddTarget_UnsafePath_Refused(string path)
    {
        using var s = TufScenario.Create();
        var source = Path.Combine(s.KeysDir, "source");
        File.WriteAllBytes(source, [1]);

        Should.Throw<ArgumentException>(() => s.Writer.AddTarget(path, source));
    }

    [Fact]
    public void Open_ExistingRepository_ContinuesItsVersionsAndKeepsItsTargets()
    {
        using var s = TufScenario.Create();
        using var custom = JsonDocument.Parse("""{"version":"1.0"}""");
        s.Release("a.img", [1], custom.RootElement);

        var reopened = TufRepositoryWriter.Open(s.RepoDir, timeProvider: s.Time);
        reopened.RemoveTarget("missing.img").ShouldBeFalse();
        reopened.Publish(s.AllKeys);

        reopened.Targets!.Version.ShouldBe(3);
        reopened.Timestamp!.Version.ShouldBe(3);
        reopened.Targets.Targets["a.img"].Custom!.Value.GetProperty("version").GetString().ShouldBe("1.0");
        File.Exists(s.MetadataFile("3.snapshot.json")).ShouldBeTrue();
    }

    [Fact]
    public void SignTimestamp_ExplicitExpiry_WrittenInTheSpecFormat()
    {
        using var s = TufScenario.Create();

        s.Writer.SignTimestamp(s.AllKeys, new DateTimeOffset(2027, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(2)));

        File.ReadAllText(s.MetadataFile("timestamp.json")).ShouldContain("\"expires\": \"2027-02-03T02:05:06Z\"");
    }
}
