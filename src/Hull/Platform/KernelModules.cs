namespace Hull.Platform;

/// <summary>
/// settings.kernel.modules.NAME.allowed on the running kernel (there is no modprobe on the host):
/// allowed loads the module and what it needs from the image (<see cref="ModuleIndex"/>); not allowed
/// unloads it when nothing uses it, and otherwise says what holds it. At boot, PID 1 skips the modules
/// the policy file blocks (<see cref="ModuleLoader"/>). Errors name the setting.
/// </summary>
internal sealed class KernelModules(string root, IModuleSyscalls syscalls)
{
    /// <summary>The rendered state of a module the settings want loaded.</summary>
    public const string Loaded = "loaded";

    /// <summary>The rendered state of a module the settings keep out.</summary>
    public const string NotLoaded = "not loaded";

    /// <summary>What settings block, one kernel module name a line, on STATE: PID 1 reads it before loading modules at boot.</summary>
    public const string BlockedListFile = "/var/lib/hull/kernel-modules.blocked";

    private ModuleIndex? _index;

    private ModuleIndex Index => _index ??= ModuleIndex.Load(Under(ModuleIndex.DefaultPath));

    /// <summary>The host-side path of a module's sysfs folder, which exists while the kernel has it.</summary>
    public static string SysfsPath(string name) => "/sys/module/" + ModuleIndex.Normalize(name);

    /// <summary><see cref="Loaded"/> when the kernel has the module (loaded, or built in), else <see cref="NotLoaded"/>.</summary>
    public string State(string name) => Directory.Exists(Under(SysfsPath(name))) ? Loaded : NotLoaded;

    /// <summary>Brings the kernel to <paramref name="state"/> for module <paramref name="name"/>; throws an <see cref="IOException"/> naming <paramref name="key"/> when it cannot.</summary>
    public void Apply(string name, string state, string key)
    {
        if (state == Loaded)
        {
            Load(name, key);
        }
        else
        {
            Unload(name, key);
        }
    }

    private void Load(string name, string key)
    {
        if (State(name) == Loaded)
        {
            return;
        }

        var chain = Index.Chain(name)
            ?? throw new IOException($"{key}: this image has no kernel module {name} (it ships {string.Join(", ", Index.Names)})");
        foreach (var file in chain)
        {
            try
            {
                syscalls.Load(Under(file)); // a dependency already loaded is fine
            }
            catch (IOException e)
            {
                throw new IOException($"{key}: loading {ModuleIndex.NameOf(file)} failed: {e.Message}", e);
            }
        }
    }

    private void Unload(string name, string key)
    {
        var kernelName = ModuleIndex.Normalize(name);
        var procModules = Under("/proc/modules");
        var loaded = File.Exists(procModules) ? LoadedModule.ParseAll(File.ReadAllText(procModules)) : [];
        if (!loaded.TryGetValue(kernelName, out var module))
        {
            if (State(name) == Loaded)
            {
                throw new IOException($"{key}: {kernelName} is built into this kernel, not a module: it cannot be kept out");
            }

            return;
        }

        if (module.UsedBy.Count > 0 || module.RefCount > 0)
        {
            var holders = module.UsedBy.Count > 0 ? $"by {string.Join(", ", module.UsedBy)}" : $"{module.RefCount} references";
            throw new IOException($"{key}: {kernelName} is in use ({holders}): it stays loaded until the next boot, which will not load it");
        }

        try
        {
            syscalls.Unload(kernelName);
        }
        catch (IOException e)
        {
            throw new IOException($"{key}: unloading {kernelName} failed: {e.Message}", e);
        }
    }

    private string Under(string path) => Path.Combine(root, path.TrimStart('/'));
}
