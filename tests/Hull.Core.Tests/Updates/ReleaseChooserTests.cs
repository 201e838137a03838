using Hull.Core.Tests.Tuf;
using Hull.Updates;

namespace Hull.Core.Tests.Updates;

public sealed class ReleaseChooserTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UpdateHost Host = new(new HullVersion(1, 0, 0), "default", "x86_64");
    private static readonly UpdatePolicy Latest = new(Seed: 100, VersionLock: null, IgnoreWaves: false);

    // Wave 1: seeds 0-511 from day 1; wave 2: 512-1023 from day 2; wave 3: 1024-1535 from day 3.
    private static readonly UpdateWave[] ThreeWaves = [new(512, Day1), new(1024, Day1.AddDays(1)), new(1536, Day1.AddDays(2))];

    [Fact]
    public void Choose_SeveralNewerReleasesNoWaves_HighestWinsAndOlderOnesAreIgnored()
    {
        var choice = Chooser(Day1).Choose(Manifest(R("0.9.0"), R("1.0.0"), R("1.1.0"), R("2.0.0"), R("1.2.0")), Host, Latest);

        choice.Chosen!.Version.ShouldBe("2.0.0");
        choice.Available.Select(r => r.Version).ShouldBe(["2.0.0", "1.2.0", "1.1.0"]);
        choice.NotChosen.ShouldBeEmpty();
    }

    [Fact]
    public void Choose_NothingNewer_NoChoice()
    {
        var choice = Chooser(Day1).Choose(Manifest(R("0.9.0"), R("1.0.0")), Host, Latest);

        choice.Chosen.ShouldBeNull();
        choice.Available.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, 0, "2.0.0")]
    [InlineData(511, 0, "2.0.0")]
    [InlineData(512, 0, null)]
    [InlineData(512, 1, "2.0.0")]
    [InlineData(1535, 1, null)]
    [InlineData(1535, 2, "2.0.0")]
    [InlineData(2047, 1, null)]
    [InlineData(2047, 2, "2.0.0")]
    public void Choose_Waves_TheSeedsWaveMustHaveStarted(int seed, int days, string? expected)
    {
        var choice = Chooser(Day1.AddDays(days)).Choose(Manifest(R("2.0.0", waves: ThreeWaves)), Host, Latest with { Seed = seed });

        choice.Chosen?.Version.ShouldBe(expected);
        choice.Available.Count.ShouldBe(1);
    }

    [Fact]
    public void Choose_WaveNotStarted_SaysWhichWaveAndWhen()
    {
        var choice = Chooser(Day1.AddHours(12)).Choose(Manifest(R("2.0.0", waves: ThreeWaves)), Host, Latest with { Seed = 700 });

        choice.NotChosen.ShouldBe(["2.0.0 waits for wave 2 of 3 (seed 700 < 1024), starting 2026-06-02T00:00:00Z"]);
    }

    [Fact]
    public void Choose_SeedAboveEveryWave_WaitsForTheLastWave()
    {
        var choice = Chooser(Day1.AddDays(1)).Choose(Manifest(R("2.0.0", waves: ThreeWaves)), Host, Latest with { Seed = 2000 });

        choice.Chosen.ShouldBeNull();
        choice.NotChosen.ShouldBe(["2.0.0 waits for its last wave, starting 2026-06-03T00:00:00Z (seed 2000 is above every wave)"]);
    }

    [Fact]
    public void Choose_IgnoreWaves_TakesTheReleaseAtOnce()
    {
        var choice = Chooser(Day1.AddDays(-5)).Choose(Manifest(R("2.0.0", waves: ThreeWaves)), Host, Latest with { Seed = 2000, IgnoreWaves = true });

        choice.Chosen!.Version.ShouldBe("2.0.0");
    }

    [Fact]
    public void Choose_NewestWaitsForItsWave_TheNextNewestThatStartedIsChosen()
    {
        var manifest = Manifest(R("1.1.0"), R("2.0.0", waves: [new(2048, Day1.AddDays(1))]));

        var choice = Chooser(Day1).Choose(manifest, Host, Latest);

        choice.Chosen!.Version.ShouldBe("1.1.0");
        choice.NotChosen.ShouldBe(["2.0.0 waits for wave 1 of 1 (seed 100 < 2048), starting 2026-06-02T00:00:00Z"]);
    }

    [Fact]
    public void Choose_VersionLock_OnlyThatVersion()
    {
        var choice = Chooser(Day1).Choose(Manifest(R("1.1.0"), R("1.2.0"), R("2.0.0")), Host, Latest with { VersionLock = new HullVersion(1, 2, 0) });

        choice.Chosen!.Version.ShouldBe("1.2.0");
        choice.NotChosen.ShouldBe(["2.0.0 is not settings.updates.version-lock 1.2.0"]);
    }

    [Fact]
    public void Choose_VersionLockNotPublished_SaysSo()
    {
        var choice = Chooser(Day1).Choose(Manifest(R("2.0.0")), Host, Latest with { VersionLock = new HullVersion(1, 5, 0) });

        choice.Chosen.ShouldBeNull();
        choice.NotChosen.ShouldBe(["2.0.0 is not settings.updates.version-lock 1.5.0", "settings.updates.version-lock 1.5.0: manifest.json has no such release for default on x86_64"]);
    }

    [Fact]
    public void Choose_VersionLockAtTheRunningVersion_NothingToDo()
    {
        var choice = Chooser(Day1).Choose(Manifest(R("1.0.0"), R("2.0.0")), Host, Latest with { VersionLock = Host.Version });

        choice.Chosen.ShouldBeNull();
        choice.NotChosen[^1].ShouldBe("settings.updates.version-lock 1.0.0 is not newer than the running 1.0.0");
    }

    [Fact]
    public void Choose_MaxVersion_CapsEveryRelease()
    {
        var manifest = Manifest(R("1.1.0", maxVersion: "1.5.0"), R("1.5.0"), R("2.0.0"));

        var choice = Chooser(Day1).Choose(manifest, Host, Latest);

        choice.Chosen!.Version.ShouldBe("1.5.0");
        choice.NotChosen.ShouldBe(["2.0.0 is above max_version 1.5.0 (set by release 1.1.0)"]);
    }

    [Fact]
    public void Choose_MaxVersionOfAnotherVariant_DoesNotApply()
    {
        var choice = Chooser(Day1).Choose(Manifest(R("1.1.0", variant: "dev", maxVersion: "1.1.0"), R("2.0.0")), Host, Latest);

        choice.Chosen!.Version.ShouldBe("2.0.0");
    }

    [Theory]
    [InlineData("dev", "x86_64", "manifest.json: releases[0]: 2.0.0 is for variant dev on x86_64, not this host's default on x86_64")]
    [InlineData("default", "aarch64", "manifest.json: releases[0]: 2.0.0 is for variant default on aarch64, not this host's default on x86_64")]
    public void Choose_AnotherVariantOrArch_NeverChosenAndNamed(string variant, string arch, string note)
    {
        var choice = Chooser(Day1).Choose(Manifest(R("2.0.0", variant, arch)), Host, Latest);

        choice.Chosen.ShouldBeNull();
        choice.Available.ShouldBeEmpty();
        choice.NotChosen.ShouldBe([note]);
    }

    private static ReleaseChooser Chooser(DateTimeOffset now) => new(new ManualTime(now));

    [Fact]
    public void SkippedReleases_OneToThree_TheReleasesAboveTheHostUpToTheChosenOfItsVariantAndArchOldestFirst()
    {
        var manifest = Manifest(R("3.0.0"), R("0.9.0"), R("1.0.0"), R("2.0.0", variant: "other"), R("2.0.0", arch: "aarch64"), R("1.5.0"), R("2.0.0"), R("4.0.0"));

        var between = SkippedReleases.Between(manifest, Host, new HullVersion(3, 0, 0));

        between.Select(r => r.Release.Version).ShouldBe(["1.5.0", "2.0.0", "3.0.0"]);
        between.ShouldAllBe(r => r.Release.Variant == "default" && r.Release.Arch == "x86_64");
        between[0].Version.ShouldBe(new HullVersion(1, 5, 0));
    }

    private static ReleaseManifest Manifest(params Release[] releases) => new(ReleaseManifest.CurrentVersion, releases);

    private static Release R(string version, string variant = "default", string arch = "x86_64", UpdateWave[]? waves = null, string? maxVersion = null)
    {
        var image = new PayloadImage($"{version}/root.img.zst", 1, ManifestJson.Hash1);
        return new Release(version, variant, arch, maxVersion, waves ?? [], ReleaseManifestParser.Zstd, ManifestJson.Hash1, new ReleaseImages(image, image, image), []);
    }
}
