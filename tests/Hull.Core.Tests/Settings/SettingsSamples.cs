using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Hull.Core.Tests.Settings;

/// <summary>PEM text and a JSON shorthand for the settings tests.</summary>
internal static class SettingsSamples
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    // A key and certificate made for this test run: no key material is kept in the repository.
    public static string PrivateKey { get; } = Key.ExportPkcs8PrivateKeyPem() + "\n";

    public static string Certificate { get; } = new CertificateRequest("CN=settings test", Key, HashAlgorithmName.SHA256)
        .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1)).ExportCertificatePem() + "\n";

    public static string CertificateBase64 { get; } = Convert.ToBase64String(Encoding.UTF8.GetBytes(Certificate));

    public static string PrivateKeyBase64 { get; } = Convert.ToBase64String(Encoding.UTF8.GetBytes(PrivateKey));

    /// <summary>
    /// JSON written with single quotes so it fits an attribute; {CERT}, {KEY}, {CERT64}, {KEY64}, {LONG} and {DIGEST}
    /// stand for a certificate, a key, base64 of a certificate, base64 of a key, 4097 characters and a sha256 digest.
    /// </summary>
    public static JsonObject Json(string shorthand) => JsonNode.Parse(shorthand
        .Replace('\'', '"')
        .Replace("{CERT}", Escape(Certificate), StringComparison.Ordinal)
        .Replace("{KEY}", Escape(PrivateKey), StringComparison.Ordinal)
        .Replace("{CERT64}", CertificateBase64, StringComparison.Ordinal)
        .Replace("{KEY64}", PrivateKeyBase64, StringComparison.Ordinal)
        .Replace("{LONG}", new string('x', 4097), StringComparison.Ordinal)
        .Replace("{DIGEST}", "sha256:" + new string('a', 64), StringComparison.Ordinal))!.AsObject();

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);
}
