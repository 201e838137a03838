using Hull.Builder.Tools;

namespace Hull.Builder.Kernel;

/// <summary>
/// The kernel's modules and their dependencies (from modules.dep, made by depmod on the
/// extracted package: Debian ships none). Resolves module names to files in load order,
/// dependencies first.
/// </summary>
internal sealed class ModuleSet
{
    private readonly Dictionary<string, string> _pathByName;
    private readonly Dictionary<string, IReadOnlyList<string>> _dependsByPath;

    private ModuleSet(string kernelVersion, string modulesDirectory, Dictionary<string, string> pathByName, Dictionary<string, IReadOnlyList<string>> dependsByPath)
    {
        KernelVersion = kernelVersion;
        ModulesDirectory = modulesDirectory;
        _pathByName = pathByName;
        _dependsByPath = dependsByPath;
    }

    /// <summary>The kernel release, e.g. 6.1.0-56-cloud-amd64.</summary>
    public string KernelVersion { get; }

    /// <summary>The folder holding kernel/..., modules.dep and friends.</summary>
    public string ModulesDirectory { get; }

    /// <summary>Runs depmod on the extracted kernel package at <paramref name="packageRoot"/> and loads the result.</summary>
    public static async Task<ModuleSet> LoadAsync(string packageRoot, CancellationToken cancellationToken)
    {
        var versions = Directory.GetDirectories(Path.Combine(packageRoot, "lib", "modules"));
        if (versions.Length != 1)
        {
            throw new ToolException($"expected one kernel under {packageRoot}/lib/modules, found {versions.Length}");
        }

        var version = Path.GetFileName(versions[0]);
        var depFile = Path.Combine(versions[0], "modules.dep");
        if (!File.Exists(depFile))
        {
            await Tool.RunAsync("depmod", ["-b", packageRoot, version], cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return Parse(version, versions[0], await File.ReadAllTextAsync(depFile, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Parses modules.dep text ("path: dep dep ...", paths relative to the modules folder).</summary>
    public static ModuleSet Parse(string kernelVersion, string modulesDirectory, string modulesDep)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var depends = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in modulesDep.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var path = line[..colon];
            byName[NameOf(path)] = path;
            depends[path] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        return new ModuleSet(kernelVersion, modulesDirectory, byName, depends);
    }

    /// <summary>The files (relative paths) for <paramref name="names"/> and everything they need, each once, dependencies first.</summary>
    public IReadOnlyList<string> Resolve(IEnumerable<string> names)
    {
        var ordered = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!_pathByName.TryGetValue(Normalize(name), out var path))
            {
                throw new ToolException($"kernel module '{name}' is not built as a module in kernel {KernelVersion} (check image/modules.txt)");
            }

            Visit(path, ordered, seen);
        }

        return ordered;
    }

    /// <summary>
    /// The host's module index (Hull.Platform.ModuleIndex): for each of <paramref name="files"/>, a line with its
    /// name and the files to load for it, dependencies first, as <paramref name="imagePath"/> places them.
    /// </summary>
    public string Index(IEnumerable<string> files, Func<string, string> imagePath) =>
        string.Concat(files.Select(NameOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => $"{name} {string.Join(' ', Resolve([name]).Select(imagePath))}\n"));

    private void Visit(string path, List<string> ordered, HashSet<string> seen)
    {
        if (!seen.Add(path))
        {
            return;
        }

        foreach (var dep in _dependsByPath.GetValueOrDefault(path, []))
        {
            Visit(dep, ordered, seen);
        }

        ordered.Add(path);
    }

    // Module names treat '-' and '_' alike (the kernel does).
    private static string Normalize(string name) => name.Replace('-', '_');

    private static string NameOf(string path)
    {
        var file = Path.GetFileName(path);
        var dot = file.IndexOf(".ko", StringComparison.Ordinal);
        return Normalize(dot < 0 ? file : file[..dot]);
    }
}
