using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Hull.Settings;

/// <summary>Text formats the settings rules share: host names, addresses, URLs, image references, base64, PEM.</summary>
internal static partial class SettingsFormats
{
    /// <summary>RFC 1123 host name: dot-separated labels of 1-63 letters, digits and '-', not starting or ending with '-'; 253 characters at most.</summary>
    public static bool IsHostname(string s) =>
        s.Length is > 0 and <= 253 && s.Split('.').All(IsLabel);

    /// <summary>A domain name for a search list: a host name, optionally ending with the root '.'.</summary>
    public static bool IsDomainName(string s) => IsHostname(s.EndsWith('.') ? s[..^1] : s);

    /// <summary>A dotted-quad IPv4 address (exactly four decimal parts) or an IPv6 address.</summary>
    public static bool IsIpAddress(string s) => IsIPv4(s) || IsIPv6(s);

    /// <summary>An address with a prefix length that fits its family: 10.0.0.0/8, fd00::/8.</summary>
    public static bool IsCidr(string s)
    {
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(s.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        var address = s[..slash];
        return (IsIPv4(address) && bits <= 32) || (IsIPv6(address) && bits <= 128);
    }

    /// <summary>An absolute http:// or https:// URL with a host and no white space.</summary>
    public static bool IsHttpUrl(string s) => IsUrl(s, "http", "https");

    /// <summary>An absolute URL with a host, no white space, and one of the given schemes.</summary>
    public static bool IsUrl(string s, params string[] schemes) =>
        !s.Any(char.IsWhiteSpace)
        && Uri.TryCreate(s, UriKind.Absolute, out var uri)
        && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
        && uri.Host.Length > 0;

    /// <summary>host:port, where host is a host name, an IPv4 address or a bracketed IPv6 address, and port is 1-65535.</summary>
    public static bool IsHostPort(string s)
    {
        var colon = s.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(s.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port == 0)
        {
            return false;
        }

        var host = s[..colon];
        return host.StartsWith('[') && host.EndsWith(']') ? IsIPv6(host[1..^1]) : IsHostname(host) || IsIPv4(host);
    }

    /// <summary>An OCI image reference: [registry[:port]/]path[:tag][@algorithm:hex], path components in lower case.</summary>
    public static bool IsImageReference(string s) => s.Length <= 1024 && ImageReference().IsMatch(s);

    /// <summary>Standard base64 (white space between groups is tolerated, as the decoder does).</summary>
    public static bool IsBase64(string s) => Convert.TryFromBase64String(s, new byte[(s.Length * 3 / 4) + 3], out _);

    /// <summary>True when the text has at least one PEM block whose label ends with <paramref name="label"/> ("CERTIFICATE", "PRIVATE KEY"), with its END line.</summary>
    public static bool HasPemBlock(string s, string label) =>
        PemBlock().Matches(s).Any(m => m.Groups[1].Value.EndsWith(label, StringComparison.Ordinal));

    /// <summary>True when the text has a control character (a newline above all), which would break a rendered config line.</summary>
    public static bool HasControl(string s) => s.Any(char.IsControl);

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && label[0] != '-' && label[^1] != '-';

    // IPAddress.TryParse also takes "1" and "10.1" (inet_aton forms); settings want the dotted quad only.
    private static bool IsIPv4(string s)
    {
        var parts = s.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    private static bool IsIPv6(string s) =>
        s.Contains(':', StringComparison.Ordinal)
        && !s.Any(char.IsWhiteSpace)
        && IPAddress.TryParse(s, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    // The reference grammar of the distribution spec, written out: optional domain (with a '.' or ':' or "localhost"),
    // lower-case path components joined by '/', an optional tag and an optional digest.
    [GeneratedRegex("""^(?:(?:localhost|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z0-9-]+|[A-Za-z0-9.-]+:[0-9]+|\[[0-9A-Fa-f:]+\](?::[0-9]+)?)/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$""", RegexOptions.CultureInvariant)]
    private static partial Regex ImageReference();

    [GeneratedRegex(@"-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----", RegexOptions.CultureInvariant)]
    private static partial Regex PemBlock();
}
