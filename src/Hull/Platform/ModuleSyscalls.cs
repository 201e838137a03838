using Hull.Interop;

namespace Hull.Platform;

/// <summary>The running kernel's module calls; <see cref="Refusing"/> for a settings sandbox whose root is not the host's.</summary>
internal sealed class ModuleSyscalls(bool live) : IModuleSyscalls
{
    /// <summary>The real calls.</summary>
    public static ModuleSyscalls Instance { get; } = new(live: true);

    /// <summary>Refuses every call: `hull apiserver --root DIR` must never load modules into the machine it runs on.</summary>
    public static ModuleSyscalls Refusing { get; } = new(live: false);

    public void Load(string path)
    {
        if (!live)
        {
            throw new IOException($"not loading {path}: kernel modules are only loaded on the host itself");
        }

        Libc.LoadModule(path);
    }

    public void Unload(string name)
    {
        if (!live)
        {
            throw new IOException($"not unloading {name}: kernel modules are only unloaded on the host itself");
        }

        Libc.UnloadModule(name);
    }
}
