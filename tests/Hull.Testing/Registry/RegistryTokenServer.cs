using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hull.Testing.Registry;

/// <summary>
/// The token endpoint of the distribution token spec (docs/spec/auth/token.md, oauth.md, jwt.md), on Kestrel
/// (127.0.0.1, a port of its own, HTTPS when given a certificate). GET /token?service=S&amp;scope=type:name:actions
/// with optional basic auth, and POST /token with an OAuth2 password grant (a form; containerd tries it first
/// whenever it has a password). Right credentials get every action asked for; none get a token with no access
/// (the registry then refuses the request, as a real token service does for a private repository); wrong ones
/// get 401. Tokens are ES256 JWTs carrying the self-signed certificate in x5c, which the registry checks against
/// rootcertbundle. Every request is noted in <see cref="Requests"/>.
/// </summary>
internal sealed class RegistryTokenServer : IAsyncDisposable
{
    public const string Service = "hull-test-registry";
    public const string Issuer = "hull-test-token-issuer";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly RegistryCredentials _credentials;
    private readonly List<string> _requests = [];
    private WebApplication? _app;

    private RegistryTokenServer(string directory, RegistryCredentials credentials)
    {
        _credentials = credentials;
        var request = new CertificateRequest("CN=hull test registry token issuer", _key, HashAlgorithmName.SHA256);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        RootCertificatePath = Path.Combine(directory, "token-issuer.pem");
        File.WriteAllText(RootCertificatePath, _certificate.ExportCertificatePem());
    }

    /// <summary>Where the registry sends clients for a token (advertised in WWW-Authenticate).</summary>
    public Uri Realm { get; private set; } = null!;

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The PEM certificate the registry trusts for token signatures.</summary>
    public string RootCertificatePath { get; }

    /// <summary>One line per request so far: "METHOD user scope..." ("-" for no user).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts the server; the realm names <paramref name="realmHost"/> and <paramref name="realmPort"/> (default: the port it got).</summary>
    public static async Task<RegistryTokenServer> StartAsync(string directory, RegistryCredentials credentials, string realmHost, int? realmPort, X509Certificate2? tls, CancellationToken cancellationToken)
    {
        var server = new RegistryTokenServer(directory, credentials);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tls is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = tls });
            }
        }));
        var app = builder.Build();
        app.Run(server.AnswerAsync);
        await app.StartAsync(cancellationToken);
        server._app = app;
        server.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        server.Realm = new Uri($"{(tls is null ? "http" : "https")}://{realmHost}:{realmPort ?? server.Port}/token");
        return server;
    }

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

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path != "/token" || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method)))
        {
            context.Response.StatusCode = 404;
            return;
        }

        (string Name, bool Valid)? user;
        string[] scopes;
        if (HttpMethods.IsPost(request.Method))
        {
            // oauth.md: grant_type=password with username and password; scope is space-separated.
            var form = await request.ReadFormAsync(context.RequestAborted);
            if (form["grant_type"] != "password")
            {
                await WriteJsonAsync(context, 400, w => w.WriteString("error", "unsupported_grant_type"));
                return;
            }

            var name = form["username"].ToString();
            user = (name, name == _credentials.User && form["password"] == _credentials.Password);
            scopes = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        else
        {
            user = BasicUser(request.Headers.Authorization);
            scopes = [.. request.Query["scope"].Where(s => s is not null).Select(s => s!)];
        }

        Note($"{request.Method} {user?.Name ?? "-"} {string.Join(' ', scopes)}");
        if (user is { Valid: false })
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"hull test token service\"";
            context.Response.StatusCode = 401;
            return;
        }

        var token = Issue(user?.Name ?? "", user is null ? [] : scopes);
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteString("token", token);
            w.WriteString("access_token", token);
            w.WriteNumber("expires_in", 3600);
            w.WriteString("issued_at", DateTimeOffset.UtcNow);
        });
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var body = Json(write);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private void Note(string line)
    {
        lock (_requests)
        {
            _requests.Add(line);
        }
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

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _certificate.Dispose();
        _key.Dispose();
    }
}
