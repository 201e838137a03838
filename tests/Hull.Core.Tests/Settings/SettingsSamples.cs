using System.Text;
using System.Text.Json.Nodes;

namespace Hull.Core.Tests.Settings;

/// <summary>PEM text and a JSON shorthand for the settings tests.</summary>
internal static class SettingsSamples
{
    // The rules only look for the PEM framing, so the body need not be a real certificate.
    public const string Certificate = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

    public const string PrivateKey = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEH\n-----END PRIVATE KEY-----\n";

    public static string CertificateBase64 { get; } = Convert.ToBase64String(Encoding.UTF8.GetBytes(Certificate));

    /// <summary>
    /// JSON written with single quotes so it fits an attribute; {CERT}, {KEY}, {CERT64}, {LONG} and {DIGEST}
    /// stand for a certificate, a key, base64 of a certificate, 4097 characters and a sha256 digest.
    /// </summary>
    public static JsonObject Json(string shorthand) => JsonNode.Parse(shorthand
        .Replace('\'', '"')
        .Replace("{CERT}", Escape(Certificate), StringComparison.Ordinal)
        .Replace("{KEY}", Escape(PrivateKey), StringComparison.Ordinal)
        .Replace("{CERT64}", CertificateBase64, StringComparison.Ordinal)
        .Replace("{LONG}", new string('x', 4097), StringComparison.Ordinal)
        .Replace("{DIGEST}", "sha256:" + new string('a', 64), StringComparison.Ordinal))!.AsObject();

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);
}
