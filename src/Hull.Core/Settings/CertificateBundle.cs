using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Hull.Settings;

/// <summary>
/// PEM certificate bundles, as <c>settings.pki.&lt;name&gt;.data</c> holds them (base64 of PEM text, Bottlerocket's
/// shape) and as the image's CA files are written: every block must be a CERTIFICATE that parses as X.509.
/// </summary>
internal static class CertificateBundle
{
    private const string Label = "CERTIFICATE";

    /// <summary>
    /// The certificates (DER) of a <c>settings.pki</c> bundle's data. Blank data is an empty bundle: Bottlerocket's
    /// way to switch a bundle off. Otherwise the error says what is wrong, for the key's message.
    /// </summary>
    public static CertificateBundleResult FromBase64(string data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return new CertificateBundleResult([], null);
        }

        var bytes = new byte[(data.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(data, bytes, out var written))
        {
            return new CertificateBundleResult([], "it is not base64 (encode the PEM file, e.g. base64 -w0 ca.pem)");
        }

        // DER starts with a SEQUENCE tag; a common slip is to encode the binary certificate instead of its PEM text.
        return written > 0 && bytes[0] == 0x30
            ? new CertificateBundleResult([], "it decodes to binary data, not PEM text (DER? convert it with openssl x509 -inform der first)")
            : FromPem(Encoding.UTF8.GetString(bytes, 0, written));
    }

    /// <summary>Every certificate in PEM <paramref name="text"/>; text between blocks is ignored, any other block is an error.</summary>
    public static CertificateBundleResult FromPem(string text)
    {
        var certificates = new List<byte[]>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var number = certificates.Count + 1;
            if (label != Label)
            {
                return new CertificateBundleResult([], $"block {number} is a {label}, not a {Label}");
            }

            var der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
            try
            {
                using var parsed = X509CertificateLoader.LoadCertificate(der);
            }
            catch (CryptographicException)
            {
                return new CertificateBundleResult([], $"certificate {number} is not an X.509 certificate (its DER does not parse)");
            }

            certificates.Add(der);
            rest = rest[fields.Location.End..];
        }

        if (rest.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return new CertificateBundleResult([], $"after {certificates.Count} certificate(s) a -----BEGIN line starts no valid PEM block (a missing -----END line, or bad base64 inside)");
        }

        return certificates.Count == 0
            ? new CertificateBundleResult([], $"it has no -----BEGIN {Label}----- block")
            : new CertificateBundleResult(certificates, null);
    }
}
