using System.Text.Json;
using Hull.Tuf;

namespace Hull.Updates;

internal sealed partial class UpdateAgent
{
    /// <summary>Reads settings.updates, refreshes the TUF metadata, reads manifest.json and chooses a release.</summary>
    public Task<UpdaterReply> RefreshAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync("refresh", async ct => (await RefreshCoreAsync(ct).ConfigureAwait(false)).Error, cancellationToken);

    private async Task<(UpdateError? Error, Refreshed? Value)> RefreshCoreAsync(CancellationToken cancellationToken)
    {
        UpdateSettings settings;
        try
        {
            settings = await _options.ReadSettings(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or HttpRequestException or IOException or JsonException)
        {
            return (new UpdateError(UpdateErrorKind.Settings, null, $"cannot read settings.updates: {e.Message}"), null);
        }

        if (SeedTrustedRoot() is { } noRoot)
        {
            return (noRoot, null);
        }

        var tuf = new TufClient(_options.Transport(settings), TufDirectory, null, _options.Time);
        var refreshed = await tuf.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (!refreshed.Succeeded)
        {
            return (UpdateError.From(refreshed.Error), null);
        }

        var read = await ReadManifestAsync(tuf, cancellationToken).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return (read.Error, null);
        }

        var manifest = read.Manifest!;
        var choice = new ReleaseChooser(_options.Time).Choose(manifest, _options.Host, settings.Policy);
        var chosen = choice.Chosen is { } c ? new UpdateImage(c.Arch, c.Version, c.Variant) : null;
        Save(_state with
        {
            ChosenUpdate = chosen,
            AvailableUpdates = [.. choice.Available.Select(r => r.Version)],
            NotChosen = choice.NotChosen,
            LastRefresh = Now,
        });
        return (null, new Refreshed(tuf, manifest, choice));
    }

    private static async Task<(UpdateError? Error, ReleaseManifest? Manifest)> ReadManifestAsync(TufClient tuf, CancellationToken cancellationToken)
    {
        var opened = await tuf.OpenTargetAsync(ReleaseManifest.TargetPath, cancellationToken).ConfigureAwait(false);
        if (!opened.Succeeded)
        {
            return (UpdateError.From(opened.Error), null);
        }

        // Bounded by the length targets.json lists; the bytes count only once the stream verified at its end.
        using var bytes = new MemoryStream();
        var stream = opened.Value;
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (TufTargetException e)
            {
                return (UpdateError.From(e.Error), null);
            }
        }

        return ReleaseManifestParser.TryParse(bytes.ToArray(), out var manifest, out var error)
            ? (null, manifest)
            : (new UpdateError(UpdateErrorKind.Manifest, ReleaseManifest.TargetPath, error), null);
    }

    // The TUF client starts from the root the image shipped; after that it keeps its own (rotated) copy.
    private UpdateError? SeedTrustedRoot()
    {
        var trusted = Path.Combine(TufDirectory, "root.json");
        if (File.Exists(trusted))
        {
            return null;
        }

        if (!File.Exists(_options.TrustedRootFile))
        {
            return UpdateError.Of(UpdateErrorKind.Host, _options.TrustedRootFile, "missing: the image ships the update repository's root.json there, and nothing is trusted without it");
        }

        Directory.CreateDirectory(TufDirectory);
        TufFiles.WriteAtomic(trusted, File.ReadAllBytes(_options.TrustedRootFile));
        return null;
    }

    private sealed record Refreshed(TufClient Tuf, ReleaseManifest Manifest, ReleaseChoice Choice);
}
