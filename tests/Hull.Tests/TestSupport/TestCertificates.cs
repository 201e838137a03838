using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hull.Tests.TestSupport;

/// <summary>A throwaway CA with a server and a client identity, as PEM text (made per test run, never stored).</summary>
internal sealed class TestCertificates
{
    public TestCertificates(string name)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name} CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        (ServerPem, ServerKeyPem) = Issue("localhost", "1.3.6.1.5.5.7.3.1", server: true);
        (ClientPem, ClientKeyPem) = Issue("operator", "1.3.6.1.5.5.7.3.2", server: false);
    }

    public X509Certificate2 Ca { get; }

    public string CaPem => Ca.ExportCertificatePem();

    public string ServerPem { get; }

    public string ServerKeyPem { get; }

    public string ClientPem { get; }

    public string ClientKeyPem { get; }

    /// <summary>User data TOML with <c>[settings.api.remote]</c>: <paramref name="extra"/> lines, then these PEMs.</summary>
    public string RemoteApiUserData(string extra) => $"""
        [settings.api.remote]
        {extra}
        server-certificate = '''
        {ServerPem}'''
        server-key = '''
        {ServerKeyPem}'''
        client-ca = '''
        {CaPem}'''
        """;

    public X509Certificate2 Client()
    {
        using var pem = X509Certificate2.CreateFromPem(ClientPem, ClientKeyPem);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private (string Cert, string Key) Issue(string subject, string usage, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        using var cert = request.Create(Ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
