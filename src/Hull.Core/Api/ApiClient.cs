using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Hull.Api;

/// <summary>
/// HTTP client for the host's API: over /run/api.sock on the host (apiclient, hull ctl), or over
/// HTTPS with a client certificate from the build machine. The server must chain to the given CA.
/// </summary>
internal static class ApiClient
{
    /// <summary>A client for the Unix socket at <paramref name="socketPath"/>.</summary>
    public static HttpClient ForUnixSocket(string socketPath) =>
        new(UnixSocketHandler(socketPath)) { BaseAddress = UnixSocketAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The base address requests over the Unix socket use.</summary>
    public static Uri UnixSocketAddress { get; } = new("http://localhost/");

    /// <summary>The connection handler behind <see cref="ForUnixSocket"/> (also for WebSockets, which need an invoker of their own).</summary>
    public static SocketsHttpHandler UnixSocketHandler(string socketPath) => new()
    {
        ConnectCallback = Platform.UnixSocketConnector.To(socketPath),
    };

    /// <summary>A client for <paramref name="baseAddress"/> over mutual TLS (no client certificate only to show that the host refuses it).</summary>
    public static HttpClient ForRemote(Uri baseAddress, X509Certificate2? clientCertificate, X509Certificate2 serverCa) =>
        new(RemoteHandler(clientCertificate, serverCa)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The connection handler behind <see cref="ForRemote"/>.</summary>
    public static SocketsHttpHandler RemoteHandler(X509Certificate2? clientCertificate, X509Certificate2 serverCa) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                && certificate is X509Certificate2 server && ChainsTo(server, serverCa),
        },
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    // Trust our CA alone, not the machine's store.
    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
