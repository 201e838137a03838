using Hull.Updates;

namespace Hull.Core.Tests.Updates;

public sealed class ReleaseManifestParserTests
{
    public static TheoryData<string, string?, string> BadManifests => new()
    {
        { "manifest_version", "2", "manifest.json: manifest_version: is 2; this host reads version 1 only" },
        { "releases", null, "manifest.json: " },
        { "releases[1].version", "\"2.0\"", "manifest.json: releases[1].version: '2.0' is not a version like 1.2.3" },
        { "releases[1].version", "\"v1.0.0\"", "manifest.json: releases[1].version: v1.0.0 is already releases[0]'s version" },
        { "releases[1].variant", "\"Default\"", "manifest.json: releases[1].variant: 'Default' is not a variant name (lower-case letters, digits, '.', '_', '-')" },
        { "releases[1].variant", "\"\"", "manifest.json: releases[1].variant: '' is not a variant name" },
        { "releases[1].arch", "\"x86 64\"", "manifest.json: releases[1].arch: 'x86 64' is not an architecture name such as x86_64" },
        { "releases[1].arch", null, "manifest.json: releases[1]: " },
        { "releases[1].max_version", null, "manifest.json: releases[1]: JSON deserialization for type 'Hull.Updates.Release' was missing required properties including: 'max_version'" },
        { "releases[1].max_version", "\"latest\"", "manifest.json: releases[1].max_version: 'latest' is not a version like 1.2.3" },
        { "releases[1].compression", "\"xz\"", "manifest.json: releases[1].compression: 'xz' is not supported; payloads are compressed with zstd" },
        { "releases[1].root_hash", "\"abc\"", "manifest.json: releases[1].root_hash: 'abc' is not 64 lower-case hex digits" },
        { "releases[1].root_hash", $"\"{ManifestJson.Hash1.ToUpperInvariant().Replace('1', 'A')}\"", "manifest.json: releases[1].root_hash: " },
        { "releases[1].waves[0].seed_below", "0", "manifest.json: releases[1].waves[0].seed_below: 0 is outside 1-2048 (seeds are 0-2047)" },
        { "releases[1].waves[1].seed_below", "4096", "manifest.json: releases[1].waves[1].seed_below: 4096 is outside 1-2048" },
        { "releases[1].waves[1].seed_below", "512", "manifest.json: releases[1].waves[1].seed_below: 512 is not above the wave before's 512; waves are ordered by seed_below" },
        { "releases[1].waves[1].starts", "\"2026-05-31T00:00:00Z\"", "manifest.json: releases[1].waves[1].starts: 2026-05-31T00:00:00Z is before the wave before's 2026-06-01T00:00:00Z" },
        { "releases[1].waves[0].starts", "\"soon\"", "manifest.json: releases[1].waves[0].starts: " },
        { "releases[1].images.root.sha256", "\"00\"", "manifest.json: releases[1].images.root.sha256: '00' is not 64 lower-case hex digits" },
        { "releases[1].images.uki-a.bytes", "-1", "manifest.json: releases[1].images.uki-a.bytes: -1 is negative" },
        { "releases[1].images.uki-b.target", "\"../etc/passwd\"", "manifest.json: releases[1].images.uki-b.target: target path '../etc/passwd' has an empty, '.' or '..' segment" },
        { "releases[1].images.uki-b", null, "manifest.json: releases[1].images: " },
        { "releases[1].migrations[0].name", "\"\"", "manifest.json: releases[1].migrations[0].name: is empty" },
        { "releases[1].migrations[0].forward[0].op", "\"move\"", "manifest.json: releases[1].migrations[0].forward[0].op: 'move' is not rename, remove or set" },
        { "releases[1].migrations[0].forward[0].key", "\"motd\"", "manifest.json: releases[1].migrations[0].forward[0].key: 'motd' is not a settings key such as settings.motd" },
        { "releases[1].migrations[0].forward[0].to", null, "manifest.json: releases[1].migrations[0].forward[0].to: '' is not a settings key such as settings.motd (rename needs one)" },
        { "releases[1].migrations[0].forward[1].value", "\"{not json\"", "manifest.json: releases[1].migrations[0].forward[1].value: '{not json' is not a JSON value" },
        { "releases[1].migrations[0].forward[1].value", null, "manifest.json: releases[1].migrations[0].forward[1].value: '' is not a JSON value" },
        { "releases[1].migrations[0].backward[1].to", "\"settings.x\"", "manifest.json: releases[1].migrations[0].backward[1]: remove takes only a key" },
        { "releases[1].migrations[0].backward", null, "manifest.json: releases[1].migrations[0]: " },
    };

    [Fact]
    public void TryParse_ValidManifest_ReadsEveryField()
    {
        ReleaseManifestParser.TryParse(ManifestJson.Valid().Bytes(), out var manifest, out var error).ShouldBeTrue(error);

        var release = manifest.Releases[1];
        release.Version.ShouldBe("2.0.0");
        release.MaxVersion.ShouldBe("3.0.0");
        release.Waves.ShouldBe([new UpdateWave(512, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)), new UpdateWave(2048, new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero))]);
        release.Images.UkiA.ShouldBe(new PayloadImage("2.0.0/uki-a.efi.zst", 100, ManifestJson.Hash2));
        release.Migrations[0].Forward[1].ShouldBe(new MigrationStep("set", "settings.ntp.enabled", null, "true"));
        manifest.Releases[0].MaxVersion.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void TryParse_BadField_RefusedNamingTheFieldAndWhy(string path, string? json, string expected)
    {
        var ok = ReleaseManifestParser.TryParse(ManifestJson.Valid().With(path, json).Bytes(), out var manifest, out var error);

        ok.ShouldBeFalse();
        manifest.ShouldBeNull();
        error.ShouldStartWith(expected);
    }

    [Theory]
    [InlineData("", "manifest.json: ")]
    [InlineData("null", "manifest.json: is null")]
    [InlineData("[]", "manifest.json: ")]
    [InlineData("{\"manifest_version\":1,\"releases\":[],\"releases\":[]}", "manifest.json: ")]
    [InlineData("{\"manifest_version\":1,\"releases\":[null]}", "manifest.json: releases[0]: is null")]
    public void TryParse_NotAManifest_RefusedNamingTheFile(string text, string expected)
    {
        ReleaseManifestParser.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out _, out var error).ShouldBeFalse();

        error.ShouldStartWith(expected);
    }

    [Fact]
    public void TryParse_EmptyReleaseList_IsValid()
    {
        ReleaseManifestParser.TryParse("{\"manifest_version\":1,\"releases\":[]}"u8, out var manifest, out _).ShouldBeTrue();

        manifest.Releases.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhatTheWriterSerializes_RoundTrips()
    {
        // Nulls are not written: a release without max_version and steps without to/value must still read back.
        ReleaseManifestParser.TryParse(ManifestJson.Valid().Bytes(), out var manifest, out _).ShouldBeTrue();
        var written = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(manifest, UpdatesJsonContext.Default.ReleaseManifest);

        ReleaseManifestParser.TryParse(written, out var again, out var error).ShouldBeTrue(error);
        ReleaseManifestParser.Validate(again).ShouldBeNull();
        again.Releases.Select(r => r.Version).ShouldBe(["1.0.0", "2.0.0"]);
    }
}
