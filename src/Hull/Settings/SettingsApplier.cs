using System.Text.Json.Nodes;
using Hull.Platform;

namespace Hull.Settings;

/// <summary>
/// Makes committed settings take effect on the running host: renders the configuration files
/// (<see cref="ConfigurationFiles"/>) a change affects — all of them at every boot, since /etc is a
/// tmpfs — writes them atomically, sets the hostname, and reports the services to restart. Kernel
/// values are written in place: /proc/sys, the lockdown level (<see cref="KernelLockdown"/>) and the
/// modules (<see cref="KernelModules"/>). The same rendering, without writing, is the dry run.
/// </summary>
internal sealed class SettingsApplier(string root, Action<string> setHostname, TextWriter log, IModuleSyscalls? moduleSyscalls = null)
{
    private const string ModulesFolder = "/sys/module/";

    private readonly KernelLockdown _lockdown = new(root, mountSecurityFs: root == "/");
    private readonly KernelModules _modules = new(root, moduleSyscalls ?? (root == "/" ? ModuleSyscalls.Instance : ModuleSyscalls.Refusing));
    private readonly SysctlBaseline _baseline = new(root);

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
                    Write(file.Path, content, file.Prefixes[0]);
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

    /// <summary>
    /// What applying <paramref name="settings"/> for <paramref name="changedKeys"/> would change, file by file, without
    /// touching anything; <paramref name="released"/> (from <see cref="Released"/>) are the files of removed settings.
    /// </summary>
    public IReadOnlyList<FileChange> DryRun(JsonObject settings, IReadOnlyCollection<string> changedKeys, IReadOnlyList<CapturedFile> released)
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

        foreach (var file in NotRendered(settings, released).Where(f => f.Path != KernelHostname))
        {
            var before = Read(file.Path);
            if (file.Content?.TrimEnd('\n') != before?.TrimEnd('\n'))
            {
                changes.Add(new FileChange(file.Path, before, file.Content, []));
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
    /// What the files that removed settings fed (<paramref name="removed"/>: their values before, as a settings object;
    /// <paramref name="keys"/>: the removed keys) should hold once nothing renders them: what a boot without those
    /// settings gives. A sysctl gets the value the kernel had before Hull first wrote it this boot (none noted: it
    /// keeps its value until the next boot); the hostname goes back to PID 1's default (file and kernel); a
    /// registry's hosts.toml is removed; /etc/resolv.conf keeps the servers until the next boot, since the DHCP
    /// lease they would come from is PID 1's. <see cref="Restore"/> writes them, for those the settings no longer render.
    /// </summary>
    public IReadOnlyList<CapturedFile> Released(JsonObject removed, IReadOnlyCollection<string> keys)
    {
        var released = new List<CapturedFile>();
        foreach (var file in Affected(removed, keys))
        {
            if (file.Path.StartsWith("/proc/sys/", StringComparison.Ordinal))
            {
                if (_baseline.ValueOf(file.Path) is { } kernel)
                {
                    released.Add(new CapturedFile(file.Name, file.Path, kernel));
                }
            }
            else if (file.Name == "hostname")
            {
                released.Add(new CapturedFile(file.Name, file.Path, ConfigurationFiles.DefaultHostname + "\n"));
                released.Add(new CapturedFile("kernel hostname", KernelHostname, ConfigurationFiles.DefaultHostname));
            }
            else if (file.Name != "resolv.conf")
            {
                released.Add(new CapturedFile(file.Name, file.Path, null));
            }
        }

        return released;
    }

    /// <summary>
    /// Puts back what <paramref name="captured"/> files held, for each one <paramref name="settings"/> no longer
    /// render: a setting that a revert removed leaves its file (or kernel value) to nobody, so it gets what it
    /// had before the change. Returns each file that failed.
    /// </summary>
    public IReadOnlyList<string> Restore(JsonObject settings, IReadOnlyList<CapturedFile> captured)
    {
        var failures = new List<string>();
        foreach (var file in NotRendered(settings, captured))
        {
            try
            {
                if (file.Content is null)
                {
                    // It did not exist before; kernel values cannot be removed, files can.
                    if (!file.Path.StartsWith("/proc/", StringComparison.Ordinal) && !file.Path.StartsWith("/sys/", StringComparison.Ordinal))
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

    /// <summary>
    /// Why the running host cannot take a commit that leaves <paramref name="live"/> with <paramref name="changed"/>
    /// keys, naming the key; null when it can. Today one case: a lower kernel lockdown, which the kernel never allows.
    /// </summary>
    public string? Refusal(IReadOnlyDictionary<string, string> live, IReadOnlyList<string> changed)
    {
        if (!changed.Contains(KernelLockdown.Key) || !live.TryGetValue(KernelLockdown.Key, out var json)
            || JsonNode.Parse(json) is not JsonValue value || !value.TryGetValue<string>(out var requested))
        {
            return null;
        }

        try
        {
            return _lockdown.Current() is { } current ? KernelLockdown.Refusal(current, requested) : null;
        }
        catch (IOException e)
        {
            return $"{KernelLockdown.Key}: cannot read the kernel's lockdown level: {e.Message}";
        }
    }

    private IEnumerable<CapturedFile> NotRendered(JsonObject settings, IReadOnlyList<CapturedFile> captured)
    {
        var rendered = ConfigurationFiles.For(settings, root).Where(f => f.Render(settings) is not null).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return captured.Where(f => !rendered.Contains(f.Path));
    }

    private IEnumerable<ConfigurationFile> Affected(JsonObject settings, IReadOnlyCollection<string>? changedKeys) =>
        ConfigurationFiles.For(settings, root).Where(f => changedKeys is null || changedKeys.Any(f.IsAffectedBy));

    // setting: the entry's first prefix, so a module's errors name the key as the settings spell it (br-netfilter, not br_netfilter).
    private void Write(string path, string content, string? setting = null)
    {
        var full = Path.Combine(root, path.TrimStart('/'));
        if (path == KernelLockdown.FilePath)
        {
            _lockdown.Apply(content.Trim());
            return;
        }

        if (path.StartsWith(ModulesFolder, StringComparison.Ordinal))
        {
            var name = path[ModulesFolder.Length..];
            _modules.Apply(name, content.Trim(), (setting ?? $"settings.kernel.modules.{name}") + ".allowed");
            return;
        }

        if (path.StartsWith("/proc/sys/", StringComparison.Ordinal))
        {
            // A kernel value: written in place, and only if this kernel has it; the first write this boot notes
            // the kernel's own value, for when the setting is removed.
            if (!File.Exists(full))
            {
                throw new IOException($"this kernel has no such sysctl ({path})");
            }

            if (_baseline.ValueOf(path) is null)
            {
                _baseline.NoteBeforeWrite(path, File.ReadAllText(full));
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
        if (path == KernelLockdown.FilePath)
        {
            return _lockdown.Current();
        }

        if (path.StartsWith(ModulesFolder, StringComparison.Ordinal))
        {
            return _modules.State(path[ModulesFolder.Length..]);
        }

        var full = Path.Combine(root, path.TrimStart('/'));
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }
}
