using System.Globalization;

namespace Hull.Settings;

/// <summary>The value formats of <c>settings.workloads.&lt;name&gt;</c> (CPU and memory limits, user ids), and their parsed values.</summary>
internal static class WorkloadFormats
{
    private const long MinMemory = 4L << 20; // runc refuses limits this small anyway; below it nothing starts.

    /// <summary>"0.5", "2": a number of CPUs from 0.01 to 1024.</summary>
    public static bool IsCpus(string s) => Cpus(s) is not null;

    /// <summary>The number of CPUs <paramref name="s"/> names, or null.</summary>
    public static decimal? Cpus(string s) =>
        s.Length <= 16 && s.All(c => char.IsAsciiDigit(c) || c == '.')
        && decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus)
        && cpus is >= 0.01m and <= 1024m ? cpus : null;

    /// <summary>"268435456", "256Mi", "1Gi": at least 4 MiB.</summary>
    public static bool IsMemory(string s) => MemoryBytes(s) is not null;

    /// <summary>The bytes <paramref name="s"/> names, or null.</summary>
    public static long? MemoryBytes(string s)
    {
        var (digits, shift) = s switch
        {
            _ when s.EndsWith("Ki", StringComparison.Ordinal) => (s[..^2], 10),
            _ when s.EndsWith("Mi", StringComparison.Ordinal) => (s[..^2], 20),
            _ when s.EndsWith("Gi", StringComparison.Ordinal) => (s[..^2], 30),
            _ => (s, 0),
        };
        if (digits.Length is 0 or > 12 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var bytes = long.Parse(digits, CultureInfo.InvariantCulture) << shift;
        return bytes >= MinMemory ? bytes : null;
    }

    /// <summary>"/data": an absolute path other than "/", without ".." segments or control characters.</summary>
    public static bool IsContainerPath(string s) =>
        s.Length is > 1 and <= 4096 && s[0] == '/' && !s.Any(char.IsControl) && !s.Split('/').Contains("..");

    /// <summary>"1000" or "1000:1000".</summary>
    public static bool IsUser(string s) => User(s) is not null;

    /// <summary>The user and optional group ids <paramref name="s"/> names, or null.</summary>
    public static (long Uid, long? Gid)? User(string s)
    {
        var parts = s.Split(':');
        if (parts.Length > 2 || parts.Any(p => p.Length is 0 or > 10 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var ids = parts.Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return ids.Any(id => id > uint.MaxValue - 1) ? null : (ids[0], ids.Length == 2 ? ids[1] : null);
    }
}
