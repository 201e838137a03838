namespace Hull.Builder.Repo;

/// <summary>
/// What `hull repo refresh` re-signs: always timestamp.json; snapshot.json when <paramref name="SnapshotDays"/> is set,
/// targets.json (and so the snapshot) when <paramref name="TargetsDays"/> is set. Null lifetimes take the writer's defaults
/// (timestamp 1 day, snapshot 7, targets 90).
/// </summary>
internal sealed record RefreshOptions(int? TimestampDays = null, int? SnapshotDays = null, int? TargetsDays = null);
