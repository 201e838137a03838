using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Hull.Testing.Registry;

/// <summary>
/// The token endpoint of the distribution token spec (docs/spec/auth/token.md, jwt.md): GET
/// /token?service=S&amp;scope=type:name:actions with optional basic auth. Right credentials get every
/// action asked for; none get a token with no access (the registry then refuses the request, as a
/// real token service does for a private repository); wrong ones get 401. Tokens are ES256 JWTs
/// carrying the self-signed certificate in x5c, which the registry checks against rootcertbundle.
/// </summary>
internal sealed class RegistryTokenServer : IDisposable
{
    public const string Service = "hull-test-registry";
    public const string Issuer = "hull-test-token-issuer";

    private readonly HttpListener _listener = new();
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly RegistryCredentials _credentials;
    private readonly Task _serving;

    public RegistryTokenServer(string directory, RegistryCredentials credentials, string realmHost)
    {
        _credentials = credentials;
        var request = new CertificateRequest("CN=hull test registry token issuer", _key, HashAlgorithmName.SHA256);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        RootCertificatePath = Path.Combine(directory, "token-issuer.pem");
        File.WriteAllText(RootCertificatePath, _certificate.ExportCertificatePem());

        var port = TestRegistry.FreeTcpPort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        Realm = new Uri($"http://{realmHost}:{port}/token");
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Where the registry sends clients for a token (advertised in WWW-Authenticate).</summary>
    public Uri Realm { get; }

    /// <summary>The PEM certificate the registry trusts for token signatures.</summary>
    public string RootCertificatePath { get; }

    /// <summary>A signed token for <paramref name="subject"/> granting each scope ("repository:hull/httpd:pull,push", "registry:catalog:*").</summary>
    public string Issue(string subject, IEnumerable<string> scopes)
    {
        var header = Json(w =>
        {
            w.WriteString("typ", "JWT");
            w.WriteString("alg", "ES256");
            w.WriteStartArray("x5c");
            w.WriteStringValue(Convert.ToBase64String(_certificate.RawData));
            w.WriteEndArray();
        });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = Json(w =>
        {
            w.WriteString("iss", Issuer);
            w.WriteString("sub", subject);
            w.WriteString("aud", Service);
            w.WriteNumber("exp", now + 3600);
            w.WriteNumber("nbf", now - 60);
            w.WriteNumber("iat", now);
            w.WriteString("jti", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            w.WriteStartArray("access");
            foreach (var scope in scopes)
            {
                // type:name:actions; a name may hold a colon (host:port), so split at the first and last.
                var first = scope.IndexOf(':');
                var last = scope.LastIndexOf(':');
                if (first < 0 || last == first)
                {
                    throw new ArgumentException($"scope '{scope}' is not type:name:actions", nameof(scopes));
                }

                w.WriteStartObject();
                w.WriteString("type", scope[..first]);
                w.WriteString("name", scope[(first + 1)..last]);
                w.WriteStartArray("actions");
                foreach (var action in scope[(last + 1)..].Split(','))
                {
                    w.WriteStringValue(action);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        var signingInput = Base64Url(header) + "." + Base64Url(claims);
        // ES256 in JWS is r||s, 32 bytes each: .NET's default ECDSA signature format (IEEE P1363).
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url(signature);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        var user = BasicUser(context.Request.Headers["Authorization"]);
        if (context.Request.Url?.AbsolutePath != "/token")
        {
            response.StatusCode = 404;
        }
        else if (user is { Valid: false })
        {
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", "Basic realm=\"hull test token service\"");
        }
        else
        {
            var scopes = user is null ? [] : context.Request.QueryString.GetValues("scope") ?? [];
            var token = Issue(user?.Name ?? "", scopes);
            var body = Json(w =>
            {
                w.WriteString("token", token);
                w.WriteString("access_token", token);
                w.WriteNumber("expires_in", 3600);
                w.WriteString("issued_at", DateTimeOffset.UtcNow);
            });
            response.ContentType = "application/json";
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body);
        }

        response.Close();
    }

    private (string Name, bool Valid)? BasicUser(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
        var colon = pair.IndexOf(':');
        var name = colon < 0 ? pair : pair[..colon];
        var password = colon < 0 ? "" : pair[(colon + 1)..];
        return (name, name == _credentials.User && password == _credentials.Password);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _certificate.Dispose();
        _key.Dispose();
    }
}
