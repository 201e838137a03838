using System.Security.Cryptography.X509Certificates;
using Hull.Api;

namespace Hull.Tests.TestSupport;

/// <summary>A throwaway CA with a server and a client identity, as PEM text (made per test run, never stored).</summary>
internal sealed class TestCertificates
{
    public TestCertificates(string name)
    {
        var now = DateTimeOffset.UtcNow;
        Ca = ApiTrust.CreateCa($"CN={name} CA", now, TimeSpan.FromDays(1));
        (ServerPem, ServerKeyPem) = ApiTrust.Issue(Ca, "CN=localhost", server: true, now, TimeSpan.FromDays(1));
        (ClientPem, ClientKeyPem) = ApiTrust.Issue(Ca, "CN=operator", server: false, now, TimeSpan.FromDays(1));
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
}
