using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Hull.Api;

/// <summary>The remote listener's identity and the CA its clients must be signed by, from <c>settings.api.remote</c>.</summary>
internal sealed record RemoteTls(int Port, X509Certificate2 ServerCertificate, X509Certificate2 ClientCa)
{
    /// <summary>Null when the remote listener is off or not fully configured (the object inside <c>settings.api.remote</c>).</summary>
    public static RemoteTls? From(JsonObject? remote)
    {
        string? Text(string name) => remote?[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        var enabled = remote?["enabled"] is not JsonValue e || !e.TryGetValue(out bool on) || on;
        // TOML integers arrive as 64-bit values; the schema already held the port to 1..65535.
        var port = remote?["port"] is JsonValue p && p.TryGetValue(out long value) ? (int)value : 443;
        if (!enabled || Text("server-certificate") is not { } cert || Text("server-key") is not { } key || Text("client-ca") is not { } ca)
        {
            return null;
        }

        // Kestrel on Linux needs the key in a form SslStream can use: re-import as PKCS#12 in memory.
        using var pem = X509Certificate2.CreateFromPem(cert, key);
        var server = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        return new RemoteTls(port, server, X509CertificateLoader.LoadCertificate(System.Text.Encoding.ASCII.GetBytes(ca)));
    }

    /// <summary>True when <paramref name="client"/> chains to our client CA alone (the host has no system trust store).</summary>
    public bool IsTrustedClient(X509Certificate2? client)
    {
        if (client is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ClientCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // clientAuth
        return chain.Build(client);
    }
}
