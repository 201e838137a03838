namespace Hull.Platform;

/// <summary>
/// The kernel modules the image ships (/usr/lib/hull/modules.index, written by the build): one line per
/// module, its name then the files to load for it in order, dependencies first and its own file last.
/// Names treat '-' and '_' alike, as the kernel does.
/// </summary>
internal sealed class ModuleIndex
{
    public const string DefaultPath = "/usr/lib/hull/modules.index";

    private readonly Dictionary<string, IReadOnlyList<string>> _chains;

    private ModuleIndex(Dictionary<string, IReadOnlyList<string>> chains) => _chains = chains;

    /// <summary>An index with no modules (an image built before the index existed).</summary>
    public static ModuleIndex Empty { get; } = new([]);

    /// <summary>Every module name the image ships, sorted.</summary>
    public IEnumerable<string> Names => _chains.Keys.Order(StringComparer.Ordinal);

    public static ModuleIndex Parse(string text)
    {
        var chains = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var name, .. var files] && files.Length > 0 && !name.StartsWith('#'))
            {
                chains[Normalize(name)] = files;
            }
        }

        return new ModuleIndex(chains);
    }

    /// <summary>The index at <paramref name="path"/>, or <see cref="Empty"/> when there is none.</summary>
    public static ModuleIndex Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;

    /// <summary>The files to load for <paramref name="name"/>, dependencies first; null when the image does not ship it.</summary>
    public IReadOnlyList<string>? Chain(string name) => _chains.GetValueOrDefault(Normalize(name));

    /// <summary>The module name of a file in a chain (…/fs/fat/vfat.ko → vfat).</summary>
    public static string NameOf(string file)
    {
        var name = Path.GetFileName(file);
        var dot = name.IndexOf(".ko", StringComparison.Ordinal);
        return Normalize(dot < 0 ? name : name[..dot]);
    }

    /// <summary>The kernel's spelling: '-' becomes '_'.</summary>
    public static string Normalize(string name) => name.Replace('-', '_');
}
