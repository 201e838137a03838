using System.Text.Json;
using Hull.Datastore;
using Hull.Platform;
using Hull.Updates;

namespace Hull.Api;

/// <summary>
/// Brings the datastore to the running version's settings shape before anything reads it: the updater saved
/// each release's migrations on STATE when it prepared the release (<c>migrations/V.json</c>), and
/// <c>settings-version</c> says which version the settings were last migrated to. Forward after an update,
/// backward after a rollback, in one commit, recorded only after the commit, so a power cut in between runs
/// the same idempotent steps again.
/// </summary>
internal static class SettingsMigrator
{
    public const string MigrationsFolder = "migrations";
    public const string VersionFile = "settings-version";
    private const string Transaction = "migration";

    /// <summary>Runs what moves the settings to <paramref name="running"/>; false (and says why) when a migration file cannot be read.</summary>
    public static async Task<bool> RunAsync(IDatastore store, string updatesDirectory, HullVersion running, TextWriter console, CancellationToken cancellationToken)
    {
        var versionFile = Path.Combine(updatesDirectory, VersionFile);
        if (!HullVersion.TryParse(File.Exists(versionFile) ? (await File.ReadAllTextAsync(versionFile, cancellationToken).ConfigureAwait(false)).Trim() : null, out var migratedTo))
        {
            Record(versionFile, running);
            return true;
        }

        if (migratedTo == running)
        {
            return true;
        }

        var saved = new Dictionary<HullVersion, IReadOnlyList<SettingsMigration>>();
        var folder = Path.Combine(updatesDirectory, MigrationsFolder);
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json") : [])
        {
            try
            {
                if (HullVersion.TryParse(Path.GetFileNameWithoutExtension(file), out var release))
                {
                    saved[release] = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), UpdatesJsonContext.Default.IReadOnlyListSettingsMigration) ?? [];
                }
            }
            catch (JsonException e)
            {
                console.WriteLine($"hull: settings: {file}: not a list of settings migrations ({e.Message}); the settings stay as version {migratedTo} left them");
                return false;
            }
        }

        var steps = SettingsMigrationPlan.Steps(migratedTo, running, saved);
        if (steps.Count > 0)
        {
            var live = (await store.GetLiveAsync(null, cancellationToken).ConfigureAwait(false)).Value!;
            var migrated = SettingsMigrationSteps.Apply(live, steps);
            var removed = live.Keys.Where(k => !migrated.ContainsKey(k)).ToList();
            var changed = migrated.Where(kv => !live.TryGetValue(kv.Key, out var old) || old != kv.Value).ToDictionary();
            await store.DeleteTransactionAsync(Transaction, cancellationToken).ConfigureAwait(false);
            if (removed.Count > 0)
            {
                Check(await store.RemovePendingAsync(Transaction, removed, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false));
            }

            Check(await store.SetPendingAsync(Transaction, changed, cancellationToken).ConfigureAwait(false));
            Check((await store.CommitAsync(Transaction, cancellationToken).ConfigureAwait(false)).Error);
        }

        Record(versionFile, running);
        console.WriteLine($"hull: settings: migrated from version {migratedTo} to {running} ({steps.Count} step(s))");
        return true;
    }

    private static void Check(DatastoreError? error)
    {
        if (error is not null)
        {
            throw new DatastoreException(error);
        }
    }

    private static void Record(string versionFile, HullVersion running) =>
        DurableFile.WriteAtomic(versionFile, System.Text.Encoding.ASCII.GetBytes($"{running}\n"));
}
