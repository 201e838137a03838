namespace Hull.Updates;

/// <summary>
/// <c>GET /updates/status</c>: Bottlerocket's update status where it overlaps (<c>update_state</c>, <c>available_updates</c>,
/// <c>chosen_update</c>, <c>active_partition</c>, <c>staging_partition</c>, <c>most_recent_command</c>) plus Hull's
/// <c>not_chosen</c>, <c>interrupted</c> and <c>last_boot_assessment</c>.
/// </summary>
/// <param name="UpdateState"><c>Idle</c> (nothing to do), <c>Available</c> (a release is chosen), <c>Staged</c> (written to the other slot), <c>Ready</c> (activated: the next boot tries it).</param>
/// <param name="AvailableUpdates">Newer versions for this host at the last refresh, newest first.</param>
/// <param name="ChosenUpdate">The release prepare would write, or null.</param>
/// <param name="ActivePartition">The running slot.</param>
/// <param name="StagingPartition">The other slot.</param>
/// <param name="MostRecentCommand">The last command and its outcome.</param>
/// <param name="NotChosen">Why each newer release is not the choice (waves, version lock, max_version, variant or arch).</param>
/// <param name="Interrupted">A prepare that was cut off, in words; null otherwise.</param>
/// <param name="LastRefresh">When the repository was last read successfully.</param>
/// <param name="LastBootAssessment">PID 1's verdict on the last boot, or null.</param>
internal sealed record UpdateStatus(
    string UpdateState,
    IReadOnlyList<string> AvailableUpdates,
    UpdateImage? ChosenUpdate,
    StagedImage ActivePartition,
    StagedImage StagingPartition,
    CommandResult? MostRecentCommand,
    IReadOnlyList<string> NotChosen,
    string? Interrupted,
    DateTimeOffset? LastRefresh,
    BootAssessment? LastBootAssessment);
