namespace Hull.Platform;

/// <summary>
/// One line of /proc/modules: "name size refcount users, state address", users being "-" or
/// "a,b," (the modules that depend on it). Built-in modules are not listed.
/// </summary>
internal readonly record struct LoadedModule(string Name, int RefCount, IReadOnlyList<string> UsedBy)
{
    public static Dictionary<string, LoadedModule> ParseAll(string procModules)
    {
        var modules = new Dictionary<string, LoadedModule>(StringComparer.Ordinal);
        foreach (var line in procModules.Split('\n'))
        {
            if (line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var name, _, var refCount, var users, ..])
            {
                modules[name] = new LoadedModule(
                    name,
                    int.TryParse(refCount, System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 0,
                    users == "-" ? [] : users.Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return modules;
    }
}
