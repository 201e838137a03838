using Hull.Interop;

namespace Hull.Platform;

/// <summary>
/// Loads the kernel modules the build listed, in the order it gave (dependencies first), except
/// those settings.kernel.modules.NAME.allowed = false blocks and those that need a blocked one.
/// </summary>
internal static class ModuleLoader
{
    private const int NoSuchDevice = 19; // ENODEV

    /// <summary>
    /// Loads every module named (one path per line) in <paramref name="listFile"/>, skipping the names in
    /// <paramref name="blocked"/> and every module whose chain in <paramref name="index"/> includes one. A module
    /// the machine has no use for (ENODEV: efivarfs without UEFI) is skipped; other failures are reported, never fatal.
    /// </summary>
    /// <returns>How many loaded, one message per module that did not, and one per module the settings kept out.</returns>
    public static (int Loaded, IReadOnlyList<string> Failures, IReadOnlyList<string> Blocked) LoadAll(
        string listFile, IReadOnlySet<string>? blocked = null, ModuleIndex? index = null, IModuleSyscalls? syscalls = null)
    {
        if (!File.Exists(listFile))
        {
            return (0, [], []);
        }

        blocked ??= new HashSet<string>();
        index ??= ModuleIndex.Empty;
        syscalls ??= ModuleSyscalls.Instance;
        var loaded = 0;
        var failures = new List<string>();
        var kept = new List<string>();
        foreach (var line in File.ReadAllLines(listFile))
        {
            var path = line.Trim();
            if (path.Length == 0 || path.StartsWith('#'))
            {
                continue;
            }

            var name = ModuleIndex.NameOf(path);
            if (blocked.Contains(name))
            {
                kept.Add($"{name}: not loaded (settings.kernel.modules.{name}.allowed = false)");
                continue;
            }

            if ((index.Chain(name) ?? []).Select(ModuleIndex.NameOf).FirstOrDefault(blocked.Contains) is { } need)
            {
                kept.Add($"{name}: not loaded: it needs {need} (settings.kernel.modules.{need}.allowed = false)");
                continue;
            }

            try
            {
                syscalls.Load(path);
                loaded++;
            }
            catch (ErrnoException e) when (e.Errno == NoSuchDevice)
            {
                // The module found nothing to drive on this machine (efivarfs without UEFI): not a failure.
            }
            catch (IOException e)
            {
                failures.Add(e.Message);
            }
        }

        return (loaded, failures, kept);
    }

    /// <summary>The module names in the blocked list file (<see cref="KernelModules.BlockedListFile"/>), kernel spelling; empty when there is none.</summary>
    public static IReadOnlySet<string> ReadBlocked(string file) =>
        File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(ModuleIndex.Normalize).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
}
