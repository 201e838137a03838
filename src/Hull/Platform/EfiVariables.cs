using System.Text;

namespace Hull.Platform;

/// <summary>UEFI variables as efivarfs shows them: a 4-byte attribute word, then the value.</summary>
internal static class EfiVariables
{
    /// <summary>The vendor GUID systemd-boot stores its Loader* variables under.</summary>
    public const string LoaderVendor = "4a67b082-0a4c-41cf-b6c7-440b29bb8c4f";

    /// <summary>EFI_GLOBAL_VARIABLE, the vendor of SecureBoot and the boot manager's own variables.</summary>
    public const string GlobalVendor = "8be4df61-93ca-11d2-aa0d-00e098032b8c";

    /// <summary>The value of <paramref name="name"/>, without the attributes; null when the variable does not exist or cannot be read.</summary>
    public static byte[]? Read(string name, string vendor, string root = "/")
    {
        var path = Path.Combine(root, "sys/firmware/efi/efivars", $"{name}-{vendor}");
        try
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.Length < 4 ? null : bytes[4..];
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A UTF-16LE string variable (systemd-boot's), without its terminating NUL; null when absent.</summary>
    public static string? ReadString(string name, string vendor, string root = "/") =>
        Read(name, vendor, root) is { } value ? Encoding.Unicode.GetString(value).TrimEnd('\0') : null;
}
