using System.Text.Json;
using Hull.Tuf;

namespace Hull.Updates;

/// <summary>
/// What PID 1 concluded about a boot, kept in the updater's state folder (<see cref="FileName"/>) so it survives the
/// reboot that follows a failed one; the updater shows it as the status's <c>last_boot_assessment</c>.
/// </summary>
/// <param name="Result"><c>good</c> (blessed), <c>bad</c> (not healthy in time: rebooting to the other slot; or a trial
/// that never finished, see <see cref="Unfinished"/>), or <c>pending</c> (being assessed).</param>
/// <param name="Version">The version booted.</param>
/// <param name="Slot">The slot booted.</param>
/// <param name="Entry">The boot entry as systemd-boot selected it.</param>
/// <param name="Failures">What was not healthy, one line each (the API, containerd, a bootstrap container, a workload's health check).</param>
/// <param name="Detail">More words, e.g. the blessing decision.</param>
/// <param name="At">When the assessment was made.</param>
internal sealed record BootAssessment(string Result, string? Version, string? Slot, string? Entry, IReadOnlyList<string> Failures, string? Detail, DateTimeOffset At)
{
    /// <summary>The file's name in the updater's state folder.</summary>
    public const string FileName = "boot-assessment.json";

    /// <summary>The last assessment kept in <paramref name="stateDirectory"/>; null when there is none or it cannot be read.</summary>
    public static BootAssessment? Read(string stateDirectory)
    {
        try
        {
            return TufFiles.ReadIfExists(Path.Combine(stateDirectory, FileName)) is { } bytes
                ? JsonSerializer.Deserialize(bytes, UpdaterJsonContext.Default.BootAssessment)
                : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a boot of a good entry makes of the assessment it finds: one still pending for another version or slot is a
    /// trial that never reached its verdict (it hung and the watchdog rebooted it, it crashed, or the power went) and
    /// whose tries ran out, so systemd-boot went back to <paramref name="bootedVersion"/>; it becomes bad, saying so.
    /// Null when there is nothing to change.
    /// </summary>
    public static BootAssessment? Unfinished(BootAssessment? last, string? bootedVersion, string? bootedSlot, DateTimeOffset now) =>
        last is { Result: "pending" } && (last.Version != bootedVersion || last.Slot != bootedSlot)
            ? last with
            {
                Result = "bad",
                Failures = [$"the boot of {last.Entry} stopped before it was healthy (a hang ended by the watchdog, a crash, or a power cut), on every try"],
                Detail = $"systemd-boot went back to {bootedVersion} in slot {bootedSlot}",
                At = now,
            }
            : null;
}
