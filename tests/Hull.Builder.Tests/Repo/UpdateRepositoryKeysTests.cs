using System.Security.Cryptography;
using Hull.Builder.Tools;
using Hull.Tuf;

namespace Hull.Builder.Tests.Repo;

/// <summary>Expiry refresh and key rotation, checked by a client that holds the repository's first root.</summary>
public sealed class UpdateRepositoryKeysTests : IDisposable
{
    private readonly RepoScenario _s = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _s.Dispose();

    [Fact]
    public async Task Refresh_TimestampExpired_ClientTrustsTheRepositoryAgain()
    {
        await _s.AddAsync("1.0.0");
        _s.Time.Now += TimeSpan.FromDays(2);
        var stale = await _s.Client().RefreshAsync(Ct);

        _s.Reopen().Refresh(new Hull.Builder.Repo.RefreshOptions(TimestampDays: 3));

        stale.Error!.Kind.ShouldBe(TufErrorKind.Expired);
        stale.Error.File.ShouldBe("timestamp.json");
        _s.Repository.Tuf.Timestamp!.Expires.ShouldBe(_s.Time.Now + TimeSpan.FromDays(3));
        (await _s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();
    }

    [Fact]
    public async Task Refresh_SnapshotDays_ExtendsSnapshotAndTimestampButNotTargets()
    {
        var targets = _s.Repository.Tuf.Targets!;
        _s.Time.Now += TimeSpan.FromDays(10);

        _s.Repository.Refresh(new Hull.Builder.Repo.RefreshOptions(SnapshotDays: 30));

        _s.Repository.Tuf.Snapshot!.Expires.ShouldBe(_s.Time.Now + TimeSpan.FromDays(30));
        _s.Repository.Tuf.Timestamp!.Expires.ShouldBe(_s.Time.Now + TimeSpan.FromDays(1));
        _s.Repository.Tuf.Targets.ShouldBeSameAs(targets);
        (await _s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();
    }

    [Fact]
    public void Refresh_ZeroDays_RefusedNamingTheOption()
    {
        Should.Throw<ToolException>(() => _s.Repository.Refresh(new Hull.Builder.Repo.RefreshOptions(TimestampDays: 0)))
            .Message.ShouldBe("--timestamp-days 0: must be at least 1");
    }

    [Fact]
    public async Task Rotate_NewRootKey_ClientHoldingTheOldRootFollowsAndLaterReleasesVerify()
    {
        var oldRootKey = File.ReadAllText(_s.Keys.KeyFile("root"));
        var newKey = NewKeyFile("new-root.pem");

        var root = _s.Repository.Rotate("root", [newKey], 1, rootDays: null);
        _s.Reopen();
        await _s.AddAsync("1.0.0");
        var client = _s.Client();

        (await _s.ClientManifestAsync(client)).Releases.ShouldHaveSingleItem().Version.ShouldBe("1.0.0");
        root.Version.ShouldBe(2);
        client.TrustedRoot!.Version.ShouldBe(2);
        File.ReadAllText(_s.Keys.KeyFile("root")).ShouldBe(File.ReadAllText(newKey));
        File.ReadAllText(Path.Combine(_s.Keys.RetiredDirectory, "root.v1.pem")).ShouldBe(oldRootKey);
        File.GetUnixFileMode(_s.Keys.KeyFile("root")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Rotate_NewTargetsKey_ClientAcceptsTargetsSignedOnlyByIt()
    {
        await _s.AddAsync("1.0.0");
        var client = _s.Client();
        (await client.RefreshAsync(Ct)).Error.ShouldBeNull();
        var newKey = NewKeyFile("new-targets.pem");
        using var newSigner = TufSigner.FromPemFile(newKey);

        _s.Repository.Rotate("targets", [newKey], 1, rootDays: null);
        _s.Reopen();
        await _s.AddAsync("1.1.0");

        // The same host's next check: its state folder holds root version 1 and the targets signed with the old key.
        (await _s.ClientManifestAsync(_s.Client())).Releases.Select(r => r.Version).ShouldBe(["1.0.0", "1.1.0"]);
        _s.Repository.Tuf.Root.Roles["targets"].KeyIds.ShouldBe([newSigner.KeyId]);
    }

    [Fact]
    public async Task Rotate_NoRole_ExtendsRootExpiryWithTheSameKeys()
    {
        var before = _s.Repository.Tuf.Root;

        var root = _s.Repository.Rotate(null, [], 1, rootDays: 730);

        root.Version.ShouldBe(2);
        root.Expires.ShouldBe(RepoScenario.Start + TimeSpan.FromDays(730));
        Keys(root).ShouldBe(Keys(before));
        _s.Time.Now += TimeSpan.FromDays(400);
        _s.Repository.Refresh(new Hull.Builder.Repo.RefreshOptions(SnapshotDays: 7, TargetsDays: 90));
        (await _s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();
    }

    [Fact]
    public void Rotate_RoleWithoutANewKey_RefusedNamingTheOptions()
    {
        Should.Throw<ToolException>(() => _s.Repository.Rotate("targets", [], 1, null))
            .Message.ShouldStartWith("--role and --new-key go together");
    }

    [Fact]
    public void Rotate_NewKeyNotP256_RefusedNamingTheFile()
    {
        var file = _s.Scratch("rsa.pem");
        using (var rsa = RSA.Create(2048))
        {
            File.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
        }

        var error = Should.Throw<ToolException>(() => _s.Repository.Rotate("timestamp", [file], 1, null));

        error.Message.ShouldStartWith($"--new-key {file}: not an unencrypted ECDSA P-256 private key");
        _s.Repository.Tuf.Root.Version.ShouldBe(1);
    }

    private static Dictionary<string, string> Keys(TufRoot root) =>
        root.Roles.ToDictionary(r => r.Key, r => $"{string.Join(",", r.Value.KeyIds)}/{r.Value.Threshold}");

    private string NewKeyFile(string name)
    {
        var path = _s.Scratch(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        return path;
    }
}
