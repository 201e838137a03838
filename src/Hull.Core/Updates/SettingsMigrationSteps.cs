namespace Hull.Updates;

/// <summary>
/// Runs migration steps over the live settings (a flat map of dotted keys to JSON text). Every step is
/// idempotent: a rename or removal of a key that is not there does nothing, and <c>set</c> only fills a key
/// that is unset. So a host that lost power after committing a migration and before recording it can run
/// the same steps again.
/// </summary>
public static class SettingsMigrationSteps
{
    /// <summary>The live settings after <paramref name="steps"/>.</summary>
    public static SortedDictionary<string, string> Apply(IReadOnlyDictionary<string, string> live, IReadOnlyList<MigrationStep> steps)
    {
        var settings = new SortedDictionary<string, string>(live.ToDictionary(), StringComparer.Ordinal);
        foreach (var step in steps)
        {
            switch (step.Op)
            {
                case "rename" when step.To is { } to:
                    foreach (var key in Under(settings, step.Key))
                    {
                        settings[to + key[step.Key.Length..]] = settings[key];
                        settings.Remove(key);
                    }

                    break;
                case "remove":
                    foreach (var key in Under(settings, step.Key))
                    {
                        settings.Remove(key);
                    }

                    break;
                case "set" when step.Value is { } value:
                    if (Under(settings, step.Key).Count == 0)
                    {
                        settings[step.Key] = value;
                    }

                    break;
                default:
                    throw new ArgumentException($"migration step {step.Op} {step.Key}: not a rename with \"to\", a remove, or a set with \"value\"", nameof(steps));
            }
        }

        return settings;
    }

    // The key itself and every key below it, by whole segments (settings.ntp, not settings.ntpx).
    private static List<string> Under(SortedDictionary<string, string> settings, string key) =>
        settings.Keys.Where(k => k == key || k.StartsWith(key + ".", StringComparison.Ordinal)).ToList();
}
