using System.Runtime.InteropServices;
using Hull.Api;

namespace Hull.Api;

/// <summary>Assembles GET /os from os-release, the kernel command line and the firmware's Secure Boot variable.</summary>
internal static class OsInfoReader
{
    // EFI_GLOBAL_VARIABLE: SecureBoot is one byte after efivarfs's 4-byte attribute prefix.
    private const string SecureBootVariable = "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c";

    public static OsInfo Read()
    {
        var release = ParseOsRelease(File.Exists("/etc/os-release") ? File.ReadAllText("/etc/os-release") : "");
        var slot = ReadSlot(File.Exists("/proc/cmdline") ? File.ReadAllText("/proc/cmdline") : "");
        return new OsInfo(
            release.GetValueOrDefault("PRETTY_NAME", "Hull"),
            release.GetValueOrDefault("VERSION_ID", "unknown"),
            release.GetValueOrDefault("VARIANT_ID", "unknown"),
            RuntimeInformation.OSArchitecture == Architecture.X64 ? "x86_64" : RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            release.GetValueOrDefault("BUILD_ID", "unknown"),
            slot,
            SecureBootState(),
            File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "unknown",
            File.Exists("/etc/machine-id") ? File.ReadAllText("/etc/machine-id").Trim() : "unknown");
    }

    /// <summary>"enabled", "disabled", or "unsupported" (no UEFI, as in a direct kernel boot).</summary>
    public static string SecureBootState()
    {
        if (!Directory.Exists("/sys/firmware/efi"))
        {
            return "unsupported";
        }

        try
        {
            var bytes = File.ReadAllBytes(SecureBootVariable);
            return bytes.Length >= 5 && bytes[4] == 1 ? "enabled" : "disabled";
        }
        catch (IOException)
        {
            return "disabled";
        }
    }

    internal static string ReadSlot(string commandLine) =>
        commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(w => w.StartsWith("hull.slot=", StringComparison.Ordinal))?["hull.slot=".Length..].ToUpperInvariant() ?? "unknown";

    internal static Dictionary<string, string> ParseOsRelease(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0].Trim())
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim().Trim('"'), StringComparer.Ordinal);
}
