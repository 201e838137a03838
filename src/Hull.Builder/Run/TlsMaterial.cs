using System.Security.Cryptography.X509Certificates;
using Hull.Api;

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
        var lifetime = now.AddYears(1) - now;
        using var ca = ApiTrust.CreateCa("CN=Hull instance CA", now, lifetime);
        var material = new TlsMaterial(directory);
        var (serverCertificate, serverKey) = ApiTrust.Issue(ca, "CN=hull host", server: true, now, lifetime);
        var (clientCertificate, clientKey) = ApiTrust.Issue(ca, "CN=hull operator", server: false, now, lifetime);
        File.WriteAllText(material.ServerCertificate, serverCertificate);
        WriteKey(material.ServerKey, serverKey);
        File.WriteAllText(material.ClientCertificate, clientCertificate);
        WriteKey(material.ClientKey, clientKey);
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

    private static void WriteKey(string path, string pem)
    {
        File.WriteAllText(path, pem);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
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
