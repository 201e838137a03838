using Hull.Builder.Build;
using Hull.Builder.Tools;
using Hull.Updates;

namespace Hull.Builder.Repo;

internal sealed partial class UpdateRepository
{
    /// <summary>
    /// Publishes <paramref name="build"/> (read from <paramref name="buildFile"/>): compresses root.img and both UKIs, adds
    /// them as V/NAME.zst targets, adds the release to manifest.json and signs targets, snapshot and timestamp.
    /// Refuses a version the manifest already has, whatever its variant.
    /// </summary>
    public async Task<Release> AddAsync(BuildManifest build, string buildFile, ReleaseOptions options, CancellationToken cancellationToken)
    {
        var payloads = CheckBuild(build, buildFile);
        var version = HullVersion.TryParse(build.Version, out var parsed)
            ? parsed
            : throw new ToolException($"{buildFile}: version '{build.Version}' is not MAJOR.MINOR.PATCH");
        string? maxVersion = null;
        if (options.MaxVersion is { } max)
        {
            maxVersion = HullVersion.TryParse(max, out var brake) && brake >= version
                ? brake.ToString()
                : throw new ToolException($"--max-version {max}: must be a version MAJOR.MINOR.PATCH no lower than the release's {version}");
        }

        var manifest = ReadManifest();
        if (manifest.Releases.FirstOrDefault(r => HullVersion.TryParse(r.Version, out var v) && v == version) is { } existing)
        {
            throw new ToolException($"{ReleaseManifest.TargetPath} already has release {existing.Version} ({existing.Variant}, {existing.Arch}); "
                + $"publish a new version, or remove this one first with `hull repo remove-release --version {existing.Version}`");
        }

        using var signers = _keys.LoadSigners();
        var work = WorkDirectory();
        try
        {
            var images = new Dictionary<string, PayloadImage>(StringComparer.Ordinal);
            long raw = 0, compressed = 0;
            foreach (var (name, source) in payloads)
            {
                var target = $"{version}/{name}.zst";
                var file = Path.Combine(work, name + ".zst");
                var result = await PayloadCompressor.CompressAsync(source, file, options.Level, cancellationToken).ConfigureAwait(false);
                _writer.AddTarget(target, file);
                File.Delete(file);
                images[name] = new PayloadImage(target, result.Bytes, result.Sha256);
                raw += result.Bytes;
                compressed += result.CompressedBytes;
                _log.WriteLine($"  {name,-10} {Mib(result.Bytes)} -> {Mib(result.CompressedBytes)} ({result.Ratio:P1}) in {result.Elapsed.TotalSeconds:F1} s (zstd level {options.Level})");
            }

            var release = new Release(
                version.ToString(), build.Variant, build.Arch, maxVersion, options.Waves, Compression,
                build.RootHash, new ReleaseImages(images["root.img"], images["uki-a.efi"], images["uki-b.efi"]), options.Migrations ?? []);
            var releases = manifest.Releases.Append(release).OrderBy(r => HullVersion.TryParse(r.Version, out var v) ? v : default).ToList();
            PublishManifest(manifest with { Releases = releases }, signers);
            _log.WriteLine($"published {release.Version} ({release.Variant}, {release.Arch}): payloads {Mib(compressed)} for {Mib(raw)} of images; "
                + $"targets version {_writer.Targets!.Version}, timestamp expires {_writer.Timestamp!.Expires:u}");
            return release;
        }
        finally
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
    }

    // Builds from before both slots' UKIs lack uki_b, root_image or arch: say so rather than publish half a release.
    private static List<(string Name, string Source)> CheckBuild(BuildManifest build, string buildFile)
    {
        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[("version", build.Version), ("variant", build.Variant), ("arch", build.Arch),
            ("root_hash", build.RootHash), ("root_image", build.RootImage), ("uki_a", build.UkiA), ("uki_b", build.UkiB)])
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ToolException($"{buildFile}: no {field}; rebuild with this checkout's `hull build`, which writes both slots' UKIs");
            }
        }

        List<(string, string)> payloads = [("root.img", build.RootImage), ("uki-a.efi", build.UkiA), ("uki-b.efi", build.UkiB)];
        foreach (var (name, source) in payloads)
        {
            if (!File.Exists(source))
            {
                throw new ToolException($"{buildFile}: {name} {source} does not exist");
            }
        }

        return payloads;
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:F1} MiB";
}
