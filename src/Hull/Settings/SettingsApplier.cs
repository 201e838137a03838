using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// Makes committed settings take effect on the running host: renders the configuration files
/// (<see cref="ConfigurationFiles"/>) a change affects — all of them at every boot, since /etc is a
/// tmpfs — writes them atomically, sets the hostname, and reports the services to restart. The
/// same rendering, without writing, is the dry run.
/// </summary>
internal sealed class SettingsApplier(string root, Action<string> setHostname, TextWriter log)
{
    /// <summary>Applies <paramref name="settings"/> (the object inside "settings") for <paramref name="changedKeys"/>, or everything when null. Returns each file that failed; the others still apply.</summary>
    public IReadOnlyList<ApplyFailure> Apply(JsonObject settings, IReadOnlyCollection<string>? changedKeys)
    {
        var failures = new List<ApplyFailure>();
        foreach (var file in Affected(settings, changedKeys))
        {
            try
            {
                if (file.Render(settings) is not { } content)
                {
                    continue;
                }

                if (file.Name == "hostname")
                {
                    setHostname(content.TrimEnd('\n'));
                }

                Write(file.Path, content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                failures.Add(new ApplyFailure(file, e.Message));
                log.WriteLine($"apiserver: applying {file.Name} ({file.Path}) failed: {e.Message}");
            }
        }

        return failures;
    }

    /// <summary>What applying <paramref name="settings"/> for <paramref name="changedKeys"/> would change, file by file, without touching anything.</summary>
    public IReadOnlyList<FileChange> DryRun(JsonObject settings, IReadOnlyCollection<string> changedKeys)
    {
        var changes = new List<FileChange>();
        foreach (var file in Affected(settings, changedKeys))
        {
            var after = file.Render(settings);
            var before = Read(file.Path);

            // Kernel values read back with a newline the writer does not send.
            if (after is not null && after.TrimEnd('\n') != before?.TrimEnd('\n'))
            {
                changes.Add(new FileChange(file.Path, before, after, file.Services));
            }
        }

        return changes;
    }

    private static IEnumerable<ConfigurationFile> Affected(JsonObject settings, IReadOnlyCollection<string>? changedKeys) =>
        ConfigurationFiles.For(settings).Where(f => changedKeys is null || changedKeys.Any(f.IsAffectedBy));

    private void Write(string path, string content)
    {
        var full = Path.Combine(root, path.TrimStart('/'));
        if (path.StartsWith("/proc/sys/", StringComparison.Ordinal))
        {
            // A kernel value: written in place, and only if this kernel has it.
            if (!File.Exists(full))
            {
                throw new IOException($"this kernel has no such sysctl ({path})");
            }

            File.WriteAllText(full, content);
            return;
        }

        var temp = full + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, full, overwrite: true);
    }

    private string? Read(string path)
    {
        var full = Path.Combine(root, path.TrimStart('/'));
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }
}
