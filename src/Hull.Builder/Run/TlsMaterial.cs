using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hull.Builder.Run;

/// <summary>
/// The trust for one `hull run` instance: a CA, the host's server identity and the user's
/// client identity (ECDSA P-256), as PEM files in the instance folder.
/// </summary>
internal sealed record TlsMaterial(string Directory)
{
    public string CaCertificate => Path.Combine(Directory, "ca.crt");
    public string ServerCertificate => Path.Combine(Directory, "server.crt");
    public string ServerKey => Path.Combine(Directory, "server.key");
    public string ClientCertificate => Path.Combine(Directory, "client.crt");
    public string ClientKey => Path.Combine(Directory, "client.key");

    /// <summary>Creates a fresh CA and both identities, valid for a year.</summary>
    public static TlsMaterial Create(string directory, TimeProvider time)
    {
        System.IO.Directory.CreateDirectory(directory);
        var now = time.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Hull instance CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));

        var material = new TlsMaterial(directory);
        WriteIdentity(ca, "CN=hull host", "1.3.6.1.5.5.7.3.1", true, material.ServerCertificate, material.ServerKey, now);
        WriteIdentity(ca, "CN=hull operator", "1.3.6.1.5.5.7.3.2", false, material.ClientCertificate, material.ClientKey, now);
        File.WriteAllText(material.CaCertificate, ca.ExportCertificatePem() + "\n");
        return material;
    }

    /// <summary>The client identity, loaded for HttpClient.</summary>
    public X509Certificate2 LoadClient()
    {
        using var pem = X509Certificate2.CreateFromPemFile(ClientCertificate, ClientKey);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2 LoadCa() => X509CertificateLoader.LoadCertificateFromFile(CaCertificate);

    private static void WriteIdentity(X509Certificate2 ca, string subject, string usageOid, bool server, string certificateFile, string keyFile, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(ca, now.AddMinutes(-5), now.AddYears(1).AddMinutes(-10), serial);
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>User data that hands the host its server identity and the client CA.</summary>
    public string UserData(int guestPort) => $"""
        # Made by `hull run`: the remote API listener and the trust it needs.
        [settings.api.remote]
        enabled = true
        port = {guestPort}
        server-certificate = '''
        {File.ReadAllText(ServerCertificate).Trim()}
        '''
        server-key = '''
        {File.ReadAllText(ServerKey).Trim()}
        '''
        client-ca = '''
        {File.ReadAllText(CaCertificate).Trim()}
        '''

        """;
}
