using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hull.Testing.Registry;

/// <summary>
/// The TLS identity of one test registry: a CA made for this run and a server certificate it signs for
/// every address a client may use — 127.0.0.1 and localhost from the build machine, 10.0.2.100 (QEMU's
/// guestfwd address, QemuMachine.GuestServiceAddress) and 10.0.2.2 (the user-network host) from a guest.
/// The PEM files live in the registry's folder and go with it.
/// </summary>
public sealed class RegistryTls : IDisposable
{
    private static readonly IPAddress[] Addresses = [IPAddress.Loopback, IPAddress.Parse("10.0.2.100"), IPAddress.Parse("10.0.2.2")];

    internal RegistryTls(string directory)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=hull test registry CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        Ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=hull test registry", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var address in Addresses)
        {
            names.AddIpAddress(address);
        }

        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f; // a positive serial number
        using var issued = request.Create(Ca, now.AddMinutes(-5), now.AddDays(1).AddMinutes(-10), serial);
        Server = issued.CopyWithPrivateKey(key);

        CaPem = Ca.ExportCertificatePem() + "\n";
        CaPath = Path.Combine(directory, "ca.pem");
        CertificatePath = Path.Combine(directory, "server.pem");
        KeyPath = Path.Combine(directory, "server.key");
        File.WriteAllText(CaPath, CaPem);
        File.WriteAllText(CertificatePath, Server.ExportCertificatePem() + "\n");
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // containers/image (skopeo) reads a folder: *.crt files are CAs to trust.
        CertificateDirectory = Path.Combine(directory, "certs.d");
        Directory.CreateDirectory(CertificateDirectory);
        File.WriteAllText(Path.Combine(CertificateDirectory, "ca.crt"), CaPem);
    }

    /// <summary>The CA, made for this registry; nothing else trusts it.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The CA as PEM text (what settings.pki takes, base64-encoded).</summary>
    public string CaPem { get; }

    /// <summary>The CA's PEM file.</summary>
    public string CaPath { get; }

    /// <summary>A folder with the CA as ca.crt, for skopeo's --src-cert-dir / --dest-cert-dir.</summary>
    public string CertificateDirectory { get; }

    /// <summary>The server certificate's PEM file (for docker-registry's http.tls).</summary>
    public string CertificatePath { get; }

    /// <summary>The server key's PEM file (PKCS#8).</summary>
    public string KeyPath { get; }

    /// <summary>The server certificate with its private key (for Kestrel).</summary>
    public X509Certificate2 Server { get; }

    /// <summary>A handler that trusts this CA only, the way a host with it in its trust store would.</summary>
    public SocketsHttpHandler TrustingHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            // No revocation check: a test CA publishes no CRL, and an unknown revocation status fails the chain.
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { Ca }, RevocationMode = X509RevocationMode.NoCheck },
        },
    };

    public void Dispose()
    {
        Server.Dispose();
        Ca.Dispose();
    }
}
