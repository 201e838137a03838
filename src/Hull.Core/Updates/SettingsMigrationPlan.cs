namespace Hull.Updates;

/// <summary>
/// Which migration steps move a datastore last migrated to one version to the version now running:
/// forward steps of every release after the old version up to the running one, oldest first; or, back on
/// an older version after a rollback, backward steps of every release above the running one, newest first
/// (each release's steps reversed too).
/// </summary>
public static class SettingsMigrationPlan
{
    /// <summary>The steps, in the order to run them; empty when nothing changed or nothing is known about the versions between.</summary>
    public static IReadOnlyList<MigrationStep> Steps(
        HullVersion migratedTo, HullVersion running, IReadOnlyDictionary<HullVersion, IReadOnlyList<SettingsMigration>> migrationsByRelease)
    {
        if (running > migratedTo)
        {
            return migrationsByRelease.Where(r => r.Key > migratedTo && r.Key <= running).OrderBy(r => r.Key)
                .SelectMany(r => r.Value).SelectMany(m => m.Forward).ToList();
        }

        if (running < migratedTo)
        {
            return migrationsByRelease.Where(r => r.Key > running && r.Key <= migratedTo).OrderByDescending(r => r.Key)
                .SelectMany(r => r.Value.Reverse()).SelectMany(m => m.Backward).ToList();
        }

        return [];
    }
}
