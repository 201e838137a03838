using System.Runtime.InteropServices;
using Hull.Platform;

namespace Hull.Api;

/// <summary>Assembles GET /os from os-release, the kernel command line and the firmware's Secure Boot variable.</summary>
internal static class OsInfoReader
{
    /// <summary>Reads everything under <paramref name="root"/> ("/" on the host).</summary>
    public static OsInfo Read(string root = "/")
    {
        string Text(string path) => File.Exists(Path.Combine(root, path)) ? File.ReadAllText(Path.Combine(root, path)).Trim() : "";
        var release = Platform.KeyValueText.Parse(Text("etc/os-release"), unquote: true);
        var slot = ReadSlot(Text("proc/cmdline"));
        return new OsInfo(
            release.GetValueOrDefault("PRETTY_NAME", "Hull"),
            release.GetValueOrDefault("VERSION_ID", "unknown"),
            release.GetValueOrDefault("VARIANT_ID", "unknown"),
            RuntimeInformation.OSArchitecture == Architecture.X64 ? "x86_64" : RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            release.GetValueOrDefault("BUILD_ID", "unknown"),
            slot,
            SecureBootState(root),
            Text("proc/sys/kernel/osrelease") is { Length: > 0 } kernel ? kernel : "unknown",
            Text("etc/machine-id") is { Length: > 0 } id ? id : "unknown");
    }

    /// <summary>"enabled", "disabled", or "unsupported" (no UEFI, as in a direct kernel boot).</summary>
    public static string SecureBootState(string root = "/")
    {
        if (!Directory.Exists(Path.Combine(root, "sys/firmware/efi")))
        {
            return "unsupported";
        }

        return EfiVariables.Read("SecureBoot", EfiVariables.GlobalVendor, Path.Combine(root, "sys/firmware/efi/efivars")) is [1, ..] ? "enabled" : "disabled";
    }

    internal static string ReadSlot(string commandLine) =>
        commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(w => w.StartsWith("hull.slot=", StringComparison.Ordinal))?["hull.slot=".Length..].ToUpperInvariant() ?? "unknown";
}
