using System.Text;

namespace Hull.Platform;

/// <summary>UEFI variables as efivarfs shows them: a 4-byte attribute word, then the value.</summary>
internal static class EfiVariables
{
    /// <summary>The efivarfs mount on the host.</summary>
    public const string Directory = "/sys/firmware/efi/efivars";

    /// <summary>EFI_GLOBAL_VARIABLE, the vendor of SecureBoot and the boot manager's own variables.</summary>
    public const string GlobalVendor = "8be4df61-93ca-11d2-aa0d-00e098032b8c";

    /// <summary>The value of <paramref name="name"/> in <paramref name="efivars"/>, without the attributes; null when the variable does not exist or cannot be read.</summary>
    public static byte[]? Read(string name, string vendor, string efivars = Directory)
    {
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(efivars, $"{name}-{vendor}"));
            return bytes.Length < 4 ? null : bytes[4..];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A UTF-16LE string variable (systemd-boot's), up to its terminating NUL; null when absent.</summary>
    public static string? ReadString(string name, string vendor, string efivars = Directory)
    {
        if (Read(name, vendor, efivars) is not { } value)
        {
            return null;
        }

        var text = Encoding.Unicode.GetString(value, 0, value.Length & ~1);
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0 ? text : text[..nul];
    }
}
