namespace Hull.Updates;

/// <summary>
/// One settings migration: <paramref name="Forward"/> runs on the datastore when a host first boots the
/// release, <paramref name="Backward"/> undoes it when the host goes back to the release before.
/// </summary>
public sealed record SettingsMigration(string Name, IReadOnlyList<MigrationStep> Forward, IReadOnlyList<MigrationStep> Backward);
