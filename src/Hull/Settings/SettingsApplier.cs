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
    /// <summary>
    /// Applies <paramref name="settings"/> (the object inside "settings") for <paramref name="changedKeys"/>, or everything
    /// when null. Returns each file that failed (the others still apply) and each whose content changed: only those
    /// restart their services, the same rule as <see cref="DryRun"/>.
    /// </summary>
    public AppliedFiles Apply(JsonObject settings, IReadOnlyCollection<string>? changedKeys)
    {
        var failures = new List<ApplyFailure>();
        var changed = new List<ConfigurationFile>();
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

                if (Differs(Read(file.Path), content))
                {
                    Write(file.Path, content);
                    changed.Add(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                failures.Add(new ApplyFailure(file, e.Message));
                log.WriteLine($"apiserver: applying {file.Name} ({file.Path}) failed: {e.Message}");
            }
        }

        return new AppliedFiles(failures, changed);
    }

    /// <summary>What applying <paramref name="settings"/> for <paramref name="changedKeys"/> would change, file by file, without touching anything.</summary>
    public IReadOnlyList<FileChange> DryRun(JsonObject settings, IReadOnlyCollection<string> changedKeys)
    {
        var changes = new List<FileChange>();
        foreach (var file in Affected(settings, changedKeys))
        {
            var after = file.Render(settings);
            var before = Read(file.Path);
            if (after is not null && Differs(before, after))
            {
                changes.Add(new FileChange(file.Path, before, after, file.Services));
            }
        }

        return changes;
    }

    // The running host's name: /etc/hostname may not exist (PID 1 sets a default), so a revert needs the kernel's.
    private const string KernelHostname = "/proc/sys/kernel/hostname";

    /// <summary>What the files that <paramref name="keys"/> affect hold now (under <paramref name="settings"/>, the settings that would make them).</summary>
    public IReadOnlyList<CapturedFile> Capture(JsonObject settings, IReadOnlyCollection<string> keys)
    {
        var captured = Affected(settings, keys).Select(f => new CapturedFile(f.Name, f.Path, Read(f.Path))).ToList();
        if (captured.Any(f => f.Name == "hostname"))
        {
            captured.Add(new CapturedFile("kernel hostname", KernelHostname, Read(KernelHostname)));
        }

        return captured;
    }

    /// <summary>
    /// Puts back what <paramref name="captured"/> files held, for each one <paramref name="settings"/> no longer
    /// render: a setting that a revert removed leaves its file (or kernel value) to nobody, so it gets what it
    /// had before the change. Returns each file that failed.
    /// </summary>
    public IReadOnlyList<string> Restore(JsonObject settings, IReadOnlyList<CapturedFile> captured)
    {
        var rendered = ConfigurationFiles.For(settings, root).Where(f => f.Render(settings) is not null).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var file in captured.Where(f => !rendered.Contains(f.Path)))
        {
            try
            {
                if (file.Content is null)
                {
                    // It did not exist before; kernel values cannot be removed, files can.
                    if (!file.Path.StartsWith("/proc/", StringComparison.Ordinal))
                    {
                        File.Delete(Path.Combine(root, file.Path.TrimStart('/')));
                    }

                    continue;
                }

                if (file.Path == KernelHostname)
                {
                    setHostname(file.Content.TrimEnd('\n'));
                    continue;
                }

                Write(file.Path, file.Content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{file.Name} ({file.Path}): {e.Message}");
                log.WriteLine($"apiserver: restoring {file.Name} ({file.Path}) failed: {e.Message}");
            }
        }

        return failures;
    }

    // Kernel values read back with a newline the writer does not send.
    private static bool Differs(string? before, string after) => before is null || after.TrimEnd('\n') != before.TrimEnd('\n');

    private IEnumerable<ConfigurationFile> Affected(JsonObject settings, IReadOnlyCollection<string>? changedKeys) =>
        ConfigurationFiles.For(settings, root).Where(f => changedKeys is null || changedKeys.Any(f.IsAffectedBy));

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
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(temp, content);
        File.Move(temp, full, overwrite: true);
    }

    private string? Read(string path)
    {
        var full = Path.Combine(root, path.TrimStart('/'));
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }
}
