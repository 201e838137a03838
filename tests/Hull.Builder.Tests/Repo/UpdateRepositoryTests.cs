using System.Security.Cryptography;
using Hull.Builder.Repo;
using Hull.Builder.Tools;
using Hull.Tuf;
using Hull.Updates;

namespace Hull.Builder.Tests.Repo;

/// <summary>Repositories made and extended by `hull repo`'s code, read back by the host's real TufClient.</summary>
public sealed class UpdateRepositoryTests : IDisposable
{
    private readonly RepoScenario _s = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _s.Dispose();

    [Fact]
    public async Task Create_NewKeys_RepositoryStartsOnTheKeysRootWithAnEmptyManifest()
    {
        var manifest = await _s.ClientManifestAsync(_s.Client());

        File.ReadAllBytes(Path.Combine(_s.RepoDir, "metadata", "1.root.json")).ShouldBe(File.ReadAllBytes(_s.Keys.RootFile));
        manifest.ManifestVersion.ShouldBe(ReleaseManifest.CurrentVersion);
        manifest.Releases.ShouldBeEmpty();
    }

    [Fact]
    public async Task AddAsync_TwoBuilds_ClientVerifiesTheManifestAndEveryPayloadDecompressesToItsInput()
    {
        await _s.AddAsync("1.0.0");
        _s.Reopen();
        var (build, buildFile) = _s.FakeBuild("1.1.0");
        await _s.Repository.AddAsync(build, buildFile, ReleaseOptions.Default, Ct);
        var client = _s.Client();

        var manifest = await _s.ClientManifestAsync(client);

        manifest.Releases.Select(r => r.Version).ShouldBe(["1.0.0", "1.1.0"]);
        var release = manifest.Releases[1];
        release.Variant.ShouldBe("default");
        release.Arch.ShouldBe("x86_64");
        release.Compression.ShouldBe("zstd");
        release.RootHash.ShouldBe(build.RootHash);
        foreach (var (image, source, target) in new[]
        {
            (release.Images.Root, build.RootImage, "1.1.0/root.img.zst"),
            (release.Images.UkiA, build.UkiA, "1.1.0/uki-a.efi.zst"),
            (release.Images.UkiB, build.UkiB, "1.1.0/uki-b.efi.zst"),
        })
        {
            var input = File.ReadAllBytes(source);
            image.Target.ShouldBe(target);
            image.Bytes.ShouldBe(input.Length);
            image.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(input)));
            (await _s.ClientPayloadAsync(client, image)).ShouldBe(input);
            (await client.GetTargetInfoAsync(target, Ct)).Value.Length.ShouldBeLessThan(input.Length);
        }
    }

    [Fact]
    public async Task AddAsync_VersionAlreadyPublished_RefusedNamingItAndNothingSigned()
    {
        await _s.AddAsync("2.0.0");
        var targetsVersion = _s.Repository.Tuf.Targets!.Version;

        var error = await Should.ThrowAsync<ToolException>(() => _s.AddAsync("2.0.0", variant: "aws"));

        error.Message.ShouldStartWith("manifest.json already has release 2.0.0 (default, x86_64)");
        error.Message.ShouldContain("hull repo remove-release --version 2.0.0");
        _s.Reopen().Tuf.Targets!.Version.ShouldBe(targetsVersion);
    }

    [Fact]
    public async Task AddAsync_AnotherVariant_PublishedBesideTheOthers()
    {
        await _s.AddAsync("2.0.0");

        await _s.AddAsync("2.0.1", variant: "aws");

        (await _s.ClientManifestAsync(_s.Client())).Releases.Select(r => (r.Version, r.Variant)).ShouldBe([("2.0.0", "default"), ("2.0.1", "aws")]);
    }

    [Fact]
    public async Task AddAsync_OlderVersionAfterANewerOne_ManifestStaysInVersionOrder()
    {
        await _s.AddAsync("10.0.0");

        await _s.AddAsync("9.1.0");

        (await _s.ClientManifestAsync(_s.Client())).Releases.Select(r => r.Version).ShouldBe(["9.1.0", "10.0.0"]);
    }

    [Fact]
    public async Task AddAsync_WavesBrakeAndMigrations_AreInTheManifestAsGiven()
    {
        var waves = WaveArgument.ParseAll(["512@+1h", "2048@2026-12-03T00:00:00Z"], RepoScenario.Start);
        var migration = new SettingsMigration("motd-to-banner",
            [new MigrationStep("rename", "settings.motd", "settings.banner", null)],
            [new MigrationStep("rename", "settings.banner", "settings.motd", null)]);

        await _s.AddAsync("3.0.0", new ReleaseOptions(waves, "3.9.0", [migration]));

        var release = (await _s.ClientManifestAsync(_s.Client())).Releases.ShouldHaveSingleItem();
        release.Waves.ShouldBe([new UpdateWave(512, RepoScenario.Start.AddHours(1)), new UpdateWave(2048, new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero))]);
        release.MaxVersion.ShouldBe("3.9.0");
        release.Migrations.ShouldHaveSingleItem().Name.ShouldBe("motd-to-banner");
        release.Migrations[0].Forward.ShouldHaveSingleItem().ShouldBe(new MigrationStep("rename", "settings.motd", "settings.banner", null));
    }

    [Fact]
    public async Task AddAsync_MaxVersionBelowTheRelease_RefusedNamingIt()
    {
        var error = await Should.ThrowAsync<ToolException>(() => _s.AddAsync("3.0.0", new ReleaseOptions([], "2.9.9")));

        error.Message.ShouldBe("--max-version 2.9.9: must be a version MAJOR.MINOR.PATCH no lower than the release's 3.0.0");
    }

    [Fact]
    public async Task AddAsync_BuildFromBeforeTheSecondUki_RefusedNamingTheFileAndField()
    {
        var (build, file) = _s.FakeBuild("1.0.0", ukiB: null);

        var error = await Should.ThrowAsync<ToolException>(() => _s.Repository.AddAsync(build, file, ReleaseOptions.Default, Ct));

        error.Message.ShouldBe($"{file}: no uki_b; rebuild with this checkout's `hull build`, which writes both slots' UKIs");
    }

    [Fact]
    public async Task AddAsync_KeysOfAnotherRepository_RefusedNamingTheRoleAndKeyFolder()
    {
        using var other = new RepoScenario();
        var (build, file) = _s.FakeBuild("1.0.0");
        var foreign = Hull.Builder.Repo.UpdateRepository.Open(_s.RepoDir, other.Keys, _s.Time);

        var error = await Should.ThrowAsync<ToolException>(() => foreign.AddAsync(build, file, ReleaseOptions.Default, Ct));

        error.Message.ShouldBe($"targets.json: 0 of the signing keys given are targets keys in root.json, and its threshold is 1 (signing keys from {other.Keys.Directory})");
    }

    [Fact]
    public void Create_FolderAlreadyHoldsARepository_Refused()
    {
        Should.Throw<ToolException>(() => Hull.Builder.Repo.UpdateRepository.Create(_s.RepoDir, _s.Keys, _s.Time))
            .Message.ShouldBe($"{_s.RepoDir}: already holds an update repository (metadata/root.json)");
    }

    [Fact]
    public void Open_FolderWithoutARepository_RefusedNamingIt()
    {
        var empty = _s.Scratch("empty");

        Should.Throw<ToolException>(() => Hull.Builder.Repo.UpdateRepository.Open(empty, _s.Keys, _s.Time))
            .Message.ShouldStartWith($"{empty}: not an update repository (no metadata/root.json)");
    }

    [Fact]
    public async Task RemoveRelease_PublishedVersion_ClientNoLongerSeesItOrItsPayloads()
    {
        await _s.AddAsync("1.0.0");
        await _s.AddAsync("2.0.0");

        _s.Repository.RemoveRelease("1.0.0");

        var client = _s.Client();
        (await _s.ClientManifestAsync(client)).Releases.Select(r => r.Version).ShouldBe(["2.0.0"]);
        (await client.GetTargetInfoAsync("1.0.0/root.img.zst", Ct)).Error!.Kind.ShouldBe(TufErrorKind.TargetNotFound);
        (await client.GetTargetInfoAsync("2.0.0/root.img.zst", Ct)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task RemoveRelease_UnknownVersion_RefusedListingWhatThereIs()
    {
        await _s.AddAsync("1.0.0");

        Should.Throw<ToolException>(() => _s.Repository.RemoveRelease("1.2.0"))
            .Message.ShouldBe("--version 1.2.0: no such release in manifest.json (it has 1.0.0)");
    }
}
