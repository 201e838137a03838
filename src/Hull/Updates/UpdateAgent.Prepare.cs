using System.Text.Json;
using Hull.Tuf;

namespace Hull.Updates;

internal sealed partial class UpdateAgent
{
    /// <summary>
    /// Refreshes, then writes the chosen release to the other slot: checks everything that can be checked first (image
    /// and arch, partition size, targets listed), so a refusal leaves the host untouched; then the steps of
    /// <see cref="PrepareStep"/>, each durable before the next, with the slot recorded as <c>Writing</c> until the last.
    /// </summary>
    public Task<UpdaterReply> PrepareAsync(CancellationToken cancellationToken) => ExclusiveAsync("prepare", PrepareCoreAsync, cancellationToken);

    private async Task<UpdateError?> PrepareCoreAsync(CancellationToken cancellationToken)
    {
        var (refreshError, refreshed) = await RefreshCoreAsync(cancellationToken).ConfigureAwait(false);
        if (refreshError is not null)
        {
            return refreshError;
        }

        if (OtherSlot is not { } slot)
        {
            return new UpdateError(UpdateErrorKind.Host, null, "the running slot is unknown (no hull.slot= on the kernel command line), so there is no other slot to write");
        }

        var (tuf, manifest, choice) = refreshed!;
        var host = _options.Host;
        if (choice.Chosen is not { } release)
        {
            var why = choice.NotChosen.Count > 0 ? $": {string.Join("; ", choice.NotChosen)}" : "";
            return UpdateError.Of(UpdateErrorKind.NoUpdate, ReleaseManifest.TargetPath, $"no release newer than {host.Version} for {host.Variant} on {host.Arch} to prepare{why}");
        }

        if (_esp.OfSlot(slot).FirstOrDefault(e => e.State == BootEntryState.Trial) is { FileName: { } activated })
        {
            return UpdateError.Of(UpdateErrorKind.NotAllowed, Path.Combine(_esp.Directory, activated), $"slot {slot} is activated for the next boot; deactivate it before preparing again");
        }

        var preflight = await PreflightAsync(tuf, manifest, release, slot, cancellationToken).ConfigureAwait(false);
        if (preflight.Error is not null)
        {
            return preflight.Error;
        }

        var version = preflight.Version;
        var started = Now;
        SlotRecord Record(PrepareStep step, SlotPhase phase = SlotPhase.Writing) => new(slot.ToString(), release.Version, phase, step, started, phase == SlotPhase.Ready ? Now : null);
        try
        {
            var migrations = SkippedReleases.Between(manifest, host, version);
            var error = await WriteSlotAsync(new SlotWriter(tuf), release, version, migrations, slot, preflight.Device!, step =>
                {
                    _options.Log.WriteLine($"updater: prepare {version} in slot {slot} ({preflight.Device}): {step} at +{(Now - started).TotalSeconds:F1} s");
                    Save(_state with { Slot = Record(step), Interrupted = null });
                }, cancellationToken)
                .ConfigureAwait(false);
            if (error is not null)
            {
                ClearSlot(slot);
                return error;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ClearSlot(slot);
            return new UpdateError(UpdateErrorKind.Io, null, $"writing slot {slot} failed: {e.Message}");
        }

        // 5. The slot is ready once this record is on disk; cut off before it, the prepare counts as interrupted.
        Save(_state with { Slot = Record(PrepareStep.Ready) });
        Step(PrepareStep.Ready);
        Save(_state with { Slot = Record(PrepareStep.Ready, SlotPhase.Ready) });
        _options.Log.WriteLine($"updater: prepare {version} in slot {slot}: ready after {(Now - started).TotalSeconds:F1} s");
        return null;
    }

    // Everything that can refuse before a byte is written.
    private async Task<(UpdateError? Error, HullVersion Version, string? Device)> PreflightAsync(TufClient tuf, ReleaseManifest manifest, Release release, char slot,
        CancellationToken cancellationToken)
    {
        var host = _options.Host;
        var at = $"{ReleaseManifest.TargetPath}: releases[{IndexOf(manifest, release)}]";
        if (release.Variant != host.Variant || release.Arch != host.Arch)
        {
            return (new UpdateError(UpdateErrorKind.WrongImage, ReleaseManifest.TargetPath,
                $"{at}: {release.Version} is for variant {release.Variant} on {release.Arch}, not this host's {host.Variant} on {host.Arch}"), default, null);
        }

        if (!HullVersion.TryParse(release.Version, out var version))
        {
            return (new UpdateError(UpdateErrorKind.Manifest, ReleaseManifest.TargetPath, $"{at}.version: '{release.Version}' is not a version"), default, null);
        }

        var label = PartitionLabel(slot);
        if (_options.FindPartition(label) is not { } device)
        {
            return (UpdateError.Of(UpdateErrorKind.Host, label, $"no partition has this GPT name, so slot {slot} cannot be written"), default, null);
        }

        if (SlotWriter.CheckFits(release.Images.Root, device) is { } tooLarge)
        {
            return (tooLarge, default, null);
        }

        foreach (var image in new[] { release.Images.Root, UkiFor(release, slot) })
        {
            var listed = await tuf.GetTargetInfoAsync(image.Target, cancellationToken).ConfigureAwait(false);
            if (!listed.Succeeded)
            {
                return (UpdateError.From(listed.Error), default, null);
            }
        }

        return (null, version, device);
    }

    private async Task<UpdateError?> WriteSlotAsync(SlotWriter writer, Release release, HullVersion version, IReadOnlyList<(HullVersion Version, Release Release)> migrations,
        char slot, string device, Action<PrepareStep> record, CancellationToken cancellationToken)
    {
        // 1. Nothing of the slot stays bootable while its root is rewritten.
        record(PrepareStep.DeleteEntries);
        Step(PrepareStep.DeleteEntries);
        _esp.DeleteSlot(slot);

        // 2. The root image onto the partition, fsynced.
        record(PrepareStep.WriteRoot);
        Step(PrepareStep.WriteRoot);
        if (await writer.WriteRootAsync(release.Images.Root, device, cancellationToken).ConfigureAwait(false) is { } writeError)
        {
            return writeError;
        }

        // 3. What the disk holds, read back.
        record(PrepareStep.VerifyRoot);
        Step(PrepareStep.VerifyRoot);
        if (await SlotWriter.VerifyRootAsync(release.Images.Root, device, cancellationToken).ConfigureAwait(false) is { } verifyError)
        {
            return verifyError;
        }

        // 4. The slot's UKI, staged; the settings migrations of the release and of any it skips, for the apiserver to run
        // at its first boot (and backward after a rollback).
        record(PrepareStep.StageUki);
        Step(PrepareStep.StageUki);
        if (await writer.WriteUkiAsync(UkiFor(release, slot), _esp, version, slot, cancellationToken).ConfigureAwait(false) is { } ukiError)
        {
            return ukiError;
        }

        Directory.CreateDirectory(MigrationsDirectory);
        foreach (var (between, withMigrations) in migrations)
        {
            TufFiles.WriteAtomic(Path.Combine(MigrationsDirectory, $"{between}.json"),
                JsonSerializer.SerializeToUtf8Bytes(withMigrations.Migrations, UpdaterJsonContext.Default.IReadOnlyListSettingsMigration));
        }

        return null;
    }

    private void Step(PrepareStep step) => _options.BeforeStep?.Invoke(step);

    // A refused or failed prepare leaves the slot with nothing bootable, and the record says so.
    private void ClearSlot(char slot)
    {
        _esp.DeleteSlot(slot);
        Save(_state with { Slot = null });
    }

    private static PayloadImage UkiFor(Release release, char slot) => slot == 'a' ? release.Images.UkiA : release.Images.UkiB;

    private static int IndexOf(ReleaseManifest manifest, Release release)
    {
        for (var i = 0; i < manifest.Releases.Count; i++)
        {
            if (ReferenceEquals(manifest.Releases[i], release))
            {
                return i;
            }
        }

        return -1;
    }
}
