using Hull.Interop;

namespace Hull.Platform;

/// <summary>Loads the kernel modules the build listed, in the order it gave (dependencies first).</summary>
internal static class ModuleLoader
{
    /// <summary>Loads every module named (one path per line) in <paramref name="listFile"/>; returns how many.</summary>
    public static int LoadAll(string listFile, string root = "/")
    {
        if (!File.Exists(listFile))
        {
            return 0;
        }

        var count = 0;
        foreach (var line in File.ReadAllLines(listFile))
        {
            var path = line.Trim();
            if (path.Length == 0 || path.StartsWith('#'))
            {
                continue;
            }

            Libc.LoadModule(Path.Combine(root, path.TrimStart('/')));
            count++;
        }

        return count;
    }
}
