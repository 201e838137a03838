namespace Hull.Network;

/// <summary>
/// Host and domain names arrive from the network and end up in /etc/resolv.conf and the kernel
/// hostname, so only letters, digits, '-', '_' and '.' are let through (RFC 1123 §2.1 plus '_').
/// </summary>
internal static class DnsName
{
    /// <summary>
    /// The name, or null if it is empty or has any other character. With <paramref name="allowList"/>,
    /// a space-separated list is accepted too (some servers put a search list in option 15). Any other
    /// character, a newline above all, rejects the whole value rather than keeping a part of it.
    /// </summary>
    public static string? Sanitize(string? value, bool allowList)
    {
        if (value is null)
        {
            return null;
        }

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || (parts.Length > 1 && !allowList) || !parts.All(IsValid))
        {
            return null;
        }

        return string.Join(' ', parts.Select(part => part.TrimEnd('.')));
    }

    /// <summary>True for a non-empty name of at most 253 characters made of allowed characters.</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 253
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
        && !name.StartsWith('.')
        && !name.Contains("..", StringComparison.Ordinal);
}
