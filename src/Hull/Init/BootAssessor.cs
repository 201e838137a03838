using System.Text.Json;
using Hull.Api;
using Hull.Platform;
using Hull.Updates;

namespace Hull.Init;

/// <summary>
/// Judges a boot that systemd-boot counts (a new version's, after an update): the host must become healthy
/// (<see cref="HostHealth"/>) within <c>settings.updates.health-timeout-seconds</c>. Healthy: the entry is
/// blessed (its counter dropped, so it stays). Not healthy in time: the entry is marked bad and the host reboots,
/// so systemd-boot boots the previous version. The softdog watchdog is armed meanwhile, so a hang reboots too
/// (and uses up one of the entry's tries); the previous version, once the tries are gone, records that trial as bad
/// (<see cref="BootAssessment.Unfinished"/>). The outcome is kept on STATE for the updater's status.
/// </summary>
internal static class BootAssessor
{
    private const int WatchdogSeconds = 60;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

    /// <summary>Assesses this boot when it is on trial; never throws (a failure is told on the console, and the entry's tries still count).</summary>
    public static async Task RunAsync(Func<string, bool> isReady, Action reboot, TextWriter console, CancellationToken stopping)
    {
        try
        {
            await AssessAsync(isReady, reboot, console, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            console.WriteLine($"hull: init: boot assessment failed: {e}");
        }
    }

    private static async Task AssessAsync(Func<string, bool> isReady, Action reboot, TextWriter console, CancellationToken stopping)
    {
        var esp = new BootEntries(EspMount.MountPoint);
        var trial = BlessDecision.Decide(
            LoaderVariables.Read(LoaderVariables.EntrySelected), LoaderVariables.Read(LoaderVariables.BootCountPath), SafeFileNames(esp));
        var os = OsInfoReader.Read();
        if (trial.FileName is null || !BootEntry.TryParse(trial.FileName.ToLowerInvariant(), out var counted))
        {
            // A good entry, a direct kernel boot, or no ESP: nothing to judge; the last assessment stays as it was, unless
            // it is a trial of another version that never reached its verdict.
            if (BootAssessment.Unfinished(BootAssessment.Read(UpdaterService.StateDirectory), os.VersionId, os.ActiveSlot, DateTimeOffset.UtcNow) is { } unfinished)
            {
                Record(unfinished);
                console.WriteLine($"hull: init: {unfinished.Version} ({unfinished.Entry}) never finished a trial boot: {unfinished.Detail}");
            }

            return;
        }

        var entry = counted.Value;
        var started = DateTimeOffset.UtcNow;
        Record(new BootAssessment("pending", os.VersionId, os.ActiveSlot, trial.FileName, [], null, started));
        // Disarmed only once the boot is blessed: on the way out of a bad boot (or after an exception here) it stays
        // armed, so a shutdown that hangs still ends in a reboot 60 s after the last keepalive.
        var watchdog = ArmWatchdog(console);
        Action keepAlive = () => watchdog?.KeepAlive();
        console.WriteLine($"hull: init: booted {trial.FileName} on trial ({entry.TriesLeft} tries left): it must become healthy to stay");

        var problem = await HealthWait.UntilHealthyAsync(
            () => Task.FromResult(isReady(Services.ApiServer) ? null : "service apiserver is not ready"), keepAlive, DefaultTimeout, TimeProvider.System, stopping).ConfigureAwait(false);
        var timeout = problem is null ? await ReadTimeoutAsync(stopping).ConfigureAwait(false) : DefaultTimeout;
        if (problem is null)
        {
            var left = timeout - (DateTimeOffset.UtcNow - started);
            problem = await HealthWait.UntilHealthyAsync(
                () => Task.FromResult(HostHealth.Problem(isReady, StatusFile.ReadList(Workloads.WorkloadService.StatusFile, ApiJsonContext.Default.ListWorkloadStatus))), keepAlive, left > TimeSpan.Zero ? left : TimeSpan.Zero, TimeProvider.System, stopping).ConfigureAwait(false);
        }

        if (problem is null)
        {
            var blessed = LoaderVariables.BlessBootedEntry(esp);
            watchdog?.Dispose();
            Record(new BootAssessment("good", os.VersionId, os.ActiveSlot, trial.FileName, [], blessed.Reason, DateTimeOffset.UtcNow));
            console.WriteLine($"hull: init: healthy after {(DateTimeOffset.UtcNow - started).TotalSeconds:F0} s: {blessed.Reason}");
            return;
        }

        Record(new BootAssessment("bad", os.VersionId, os.ActiveSlot, trial.FileName, [problem], $"not healthy within {timeout.TotalSeconds:F0} s", DateTimeOffset.UtcNow));
        console.WriteLine($"hull: init: {os.VersionId} is not healthy within {timeout.TotalSeconds:F0} s ({problem}); marking {trial.FileName} bad and rebooting into the previous version");
        try
        {
            esp.MarkBad(entry.Slot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            console.WriteLine($"hull: init: could not mark {trial.FileName} bad ({e.Message}); its remaining tries still run out");
        }

        reboot();
    }

    private static IReadOnlyList<string> SafeFileNames(BootEntries esp)
    {
        try
        {
            return esp.FileNames();
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static Watchdog? ArmWatchdog(TextWriter console)
    {
        try
        {
            return Watchdog.Arm(WatchdogSeconds);
        }
        catch (IOException e)
        {
            console.WriteLine($"hull: init: no watchdog ({e.Message}): a hang of this version is not caught");
            return null;
        }
    }

    private static async Task<TimeSpan> ReadTimeoutAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var api = ApiClient.ForUnixSocket(Services.ApiSocket);
            var json = await api.GetStringAsync("/settings?keys=settings.updates.health-timeout-seconds", cancellationToken).ConfigureAwait(false);
            return System.Text.Json.Nodes.JsonNode.Parse(json)?["updates"]?["health-timeout-seconds"]?.GetValue<int>() is int seconds
                ? TimeSpan.FromSeconds(seconds) : DefaultTimeout;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or FormatException)
        {
            return DefaultTimeout;
        }
    }

    private static void Record(BootAssessment assessment) =>
        DurableFile.WriteAtomic(Path.Combine(UpdaterService.StateDirectory, BootAssessment.FileName), JsonSerializer.SerializeToUtf8Bytes(assessment, UpdaterJsonContext.Default.BootAssessment));
}
