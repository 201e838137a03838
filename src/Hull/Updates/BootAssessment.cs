namespace Hull.Updates;

/// <summary>
/// What PID 1 concluded about a boot, kept in the updater's state folder (<see cref="FileName"/>) so it survives the
/// reboot that follows a failed one; the updater shows it as the status's <c>last_boot_assessment</c>.
/// </summary>
/// <param name="Result"><c>good</c> (blessed), <c>bad</c> (not healthy in time: rebooting to the other slot), <c>pending</c> (being assessed), or <c>not-on-trial</c> (booted an entry without a counter).</param>
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
}
