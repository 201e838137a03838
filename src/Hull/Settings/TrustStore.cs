using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// The host's trust store, one PEM file, what Debian's update-ca-certificates makes and Bottlerocket's certdog
/// keeps: the image's CA certificates (Debian's ca-certificates, Mozilla's list) plus the bundles of
/// <c>settings.pki</c> with <c>trusted = true</c>, minus every certificate of a bundle without it (Bottlerocket's
/// rule: <c>trusted</c> defaults to false, and a distrusted certificate is removed even from the image's list).
/// Go (containerd) reads this file, once per process, so a change restarts containerd; .NET and OpenSSL reach it
/// through /usr/lib/ssl (links in the image).
/// </summary>
internal static class TrustStore
{
    /// <summary>Where it is rendered (and where PID 1 writes the settings-free version at boot).</summary>
    public const string Path = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>The image's CA certificates, one PEM file each, from Debian's ca-certificates package.</summary>
    public const string ImageCertificates = "/usr/share/ca-certificates/mozilla";

    /// <summary>
    /// The store for <paramref name="settings"/>, reading the image's certificates under <paramref name="root"/>.
    /// Certificates are written in a fixed order (the image's by file name, then the bundles by name), each once,
    /// each after a comment naming where it came from, so the same settings always give the same text.
    /// </summary>
    public static string Render(JsonObject settings, string root)
    {
        var certificates = new List<(string Source, byte[] Der)>();
        var directory = System.IO.Path.Combine(root, ImageCertificates.TrimStart('/'));
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.GetFiles(directory, "*.crt").Order(StringComparer.Ordinal))
            {
                // Debian's files are checked by its build; one that did not parse would be left out, not stop the boot.
                var source = "mozilla/" + System.IO.Path.GetFileName(file);
                certificates.AddRange(CertificateBundle.FromPem(File.ReadAllText(file)).Certificates.Select(c => (source, c)));
            }
        }

        var distrusted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, bundle) in (settings["pki"]?.AsObject() ?? []).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var parsed = CertificateBundle.FromBase64(bundle?["data"]?.GetValue<string>() ?? "");
            if (parsed.Error is { } error)
            {
                // Validation refuses this before it is stored; a datastore from elsewhere could still hold it.
                throw new ArgumentException($"settings.pki.{name}.data is not base64 of PEM certificates: {error}");
            }

            if (bundle?["trusted"]?.GetValue<bool>() == true)
            {
                certificates.AddRange(parsed.Certificates.Select(c => ($"settings.pki.{name}", c)));
            }
            else
            {
                distrusted.UnionWith(parsed.Certificates.Select(Convert.ToBase64String));
            }
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        var body = new StringBuilder();
        foreach (var (source, der) in certificates)
        {
            var key = Convert.ToBase64String(der);
            if (!distrusted.Contains(key) && written.Add(key))
            {
                body.Append("# ").Append(source).Append('\n').Append(PemEncoding.WriteString("CERTIFICATE", der)).Append('\n');
            }
        }

        return $"# The host's trust store, written by hull: {written.Count} certificates from the image ({ImageCertificates}) and settings.pki.\n" + body;
    }
}
