using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Hull.Updates;

/// <summary>
/// Reads manifest.json and checks every field a host relies on. TUF vouches for who wrote the file; this checks
/// that what they wrote makes sense before any of it is acted on. Every error reads
/// <c>manifest.json: releases[i].field: reason</c>.
/// </summary>
public static class ReleaseManifestParser
{
    /// <summary>The compression every payload must use.</summary>
    public const string Zstd = "zstd";

    /// <summary>The highest <c>seed_below</c> that means anything: seeds are 0-2047.</summary>
    public const int SeedLimit = 2048;

    private const string File = ReleaseManifest.TargetPath;

    /// <summary>Parses and validates <paramref name="json"/>; false with the first problem found otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out ReleaseManifest? manifest, [NotNullWhen(false)] out string? error)
    {
        manifest = null;
        try
        {
            manifest = JsonSerializer.Deserialize(json, UpdatesJsonContext.Default.ReleaseManifest);
        }
        catch (JsonException e)
        {
            error = $"{File}: {Where(e.Path)}{e.Message}";
            return false;
        }

        if (manifest is null)
        {
            error = $"{File}: is null, not an object with manifest_version and releases";
            return false;
        }

        error = Validate(manifest);
        if (error is not null)
        {
            manifest = null;
            return false;
        }

        return true;
    }

    /// <summary>Null when <paramref name="manifest"/> is valid (what <c>hull repo</c> checks before it signs); otherwise the first problem.</summary>
    public static string? Validate(ReleaseManifest manifest)
    {
        if (manifest.ManifestVersion != ReleaseManifest.CurrentVersion)
        {
            return $"{File}: manifest_version: is {manifest.ManifestVersion}; this host reads version {ReleaseManifest.CurrentVersion} only";
        }

        var seen = new Dictionary<HullVersion, int>();
        for (var i = 0; i < manifest.Releases.Count; i++)
        {
            var release = manifest.Releases[i];
            var at = $"releases[{i}]";
            if (release is null)
            {
                return $"{File}: {at}: is null";
            }

            if (ValidateRelease(release, at) is { } problem)
            {
                return $"{File}: {problem}";
            }

            // Checked above; "v1.2.3" and "1.2.3" are the same release.
            var version = HullVersion.TryParse(release.Version, out var parsed) ? parsed : default;
            if (seen.TryGetValue(version, out var first))
            {
                return $"{File}: {at}.version: {release.Version} is already releases[{first}]'s version";
            }

            seen[version] = i;
        }

        return null;
    }

    private static string? ValidateRelease(Release release, string at)
    {
        if (!HullVersion.TryParse(release.Version, out _))
        {
            return $"{at}.version: '{release.Version}' is not a version like 1.2.3";
        }

        if (!IsName(release.Variant))
        {
            return $"{at}.variant: '{release.Variant}' is not a variant name (lower-case letters, digits, '.', '_', '-')";
        }

        if (!IsName(release.Arch))
        {
            return $"{at}.arch: '{release.Arch}' is not an architecture name such as x86_64";
        }

        if (release.MaxVersion is { } max && !HullVersion.TryParse(max, out _))
        {
            return $"{at}.max_version: '{max}' is not a version like 1.2.3";
        }

        if (release.Compression != Zstd)
        {
            return $"{at}.compression: '{release.Compression}' is not supported; payloads are compressed with {Zstd}";
        }

        if (!IsSha256(release.RootHash))
        {
            return $"{at}.root_hash: '{release.RootHash}' is not 64 lower-case hex digits (a dm-verity sha256 root hash)";
        }

        return ValidateWaves(release.Waves, at)
            ?? ValidateImage(release.Images.Root, $"{at}.images.root")
            ?? ValidateImage(release.Images.UkiA, $"{at}.images.uki-a")
            ?? ValidateImage(release.Images.UkiB, $"{at}.images.uki-b")
            ?? ValidateMigrations(release.Migrations, $"{at}.migrations");
    }

    private static string? ValidateWaves(IReadOnlyList<UpdateWave> waves, string at)
    {
        for (var i = 0; i < waves.Count; i++)
        {
            var wave = waves[i];
            var here = $"{at}.waves[{i}]";
            if (wave is null)
            {
                return $"{here}: is null";
            }

            if (wave.SeedBelow is < 1 or > SeedLimit)
            {
                return $"{here}.seed_below: {wave.SeedBelow} is outside 1-{SeedLimit} (seeds are 0-{SeedLimit - 1})";
            }

            if (i > 0 && wave.SeedBelow <= waves[i - 1].SeedBelow)
            {
                return $"{here}.seed_below: {wave.SeedBelow} is not above the wave before's {waves[i - 1].SeedBelow}; waves are ordered by seed_below";
            }

            if (i > 0 && wave.Starts < waves[i - 1].Starts)
            {
                return $"{here}.starts: {Text(wave.Starts)} is before the wave before's {Text(waves[i - 1].Starts)}; a later wave cannot start earlier";
            }
        }

        return null;
    }

    private static string? ValidateImage(PayloadImage image, string at)
    {
        if (image is null)
        {
            return $"{at}: is missing";
        }

        if (Tuf.TufRepositoryLayout.CheckTargetPath(image.Target) is { } problem)
        {
            return $"{at}.target: {problem}";
        }

        if (image.Bytes < 0)
        {
            return $"{at}.bytes: {image.Bytes} is negative";
        }

        return IsSha256(image.Sha256) ? null : $"{at}.sha256: '{image.Sha256}' is not 64 lower-case hex digits";
    }

    private static string? ValidateMigrations(IReadOnlyList<SettingsMigration> migrations, string at)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            var migration = migrations[i];
            var here = $"{at}[{i}]";
            if (migration is null)
            {
                return $"{here}: is null";
            }

            if (string.IsNullOrWhiteSpace(migration.Name))
            {
                return $"{here}.name: is empty";
            }

            var problem = ValidateSteps(migration.Forward, $"{here}.forward") ?? ValidateSteps(migration.Backward, $"{here}.backward");
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ValidateSteps(IReadOnlyList<MigrationStep> steps, string at)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var here = $"{at}[{i}]";
            if (step is null)
            {
                return $"{here}: is null";
            }

            if (!IsSettingKey(step.Key))
            {
                return $"{here}.key: '{step.Key}' is not a settings key such as settings.motd";
            }

            var problem = step.Op switch
            {
                "rename" when !IsSettingKey(step.To) => $"{here}.to: '{step.To}' is not a settings key such as settings.motd (rename needs one)",
                "rename" when step.Value is not null => $"{here}.value: rename takes no value",
                "remove" when step.To is not null || step.Value is not null => $"{here}: remove takes only a key",
                "set" when step.To is not null => $"{here}.to: set takes no 'to'",
                "set" when !IsJson(step.Value) => $"{here}.value: '{step.Value}' is not a JSON value (set needs one, e.g. \"\\\"text\\\"\" or \"3\")",
                "rename" or "remove" or "set" => null,
                _ => $"{here}.op: '{step.Op}' is not rename, remove or set",
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string Where(string? path) =>
        path is null or "$" ? "" : $"{(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path)}: ";

    private static bool IsName(string? text) =>
        !string.IsNullOrEmpty(text) && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');

    private static bool IsSha256(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static bool IsSettingKey(string? key) =>
        key is not null && key.StartsWith("settings.", StringComparison.Ordinal) && key.Split('.').All(part => part.Length > 0);

    private static bool IsJson(string? value)
    {
        if (value is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
