using Hull.Interop;

namespace Hull.Platform;

/// <summary>Loads the kernel modules the build listed, in the order it gave (dependencies first).</summary>
internal static class ModuleLoader
{
    private const int NoSuchDevice = 19; // ENODEV

    /// <summary>
    /// Loads every module named (one path per line) in <paramref name="listFile"/>. A module
    /// the machine has no use for (ENODEV: efivarfs without UEFI) is skipped; other failures
    /// are reported, never fatal.
    /// </summary>
    /// <returns>How many loaded, and one message per module that did not.</returns>
    public static (int Loaded, IReadOnlyList<string> Failures) LoadAll(string listFile)
    {
        if (!File.Exists(listFile))
        {
            return (0, []);
        }

        var loaded = 0;
        var failures = new List<string>();
        foreach (var line in File.ReadAllLines(listFile))
        {
            var path = line.Trim();
            if (path.Length == 0 || path.StartsWith('#'))
            {
                continue;
            }

            try
            {
                Libc.LoadModule(path);
                loaded++;
            }
            catch (ErrnoException e) when (e.Errno == NoSuchDevice)
            {
                // The module found nothing to drive on this machine (efivarfs without UEFI): not a failure.
            }
            catch (ErrnoException e)
            {
                failures.Add(e.Message);
            }
        }

        return (loaded, failures);
    }
}
