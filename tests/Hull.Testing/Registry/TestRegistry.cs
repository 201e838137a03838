using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Hull.Oci;
using Hull.Testing.Oci;

namespace Hull.Testing.Registry;

/// <summary>
/// A real OCI registry for the tests: Debian's docker-registry (distribution 2.8) on
/// 127.0.0.1, plain HTTP or HTTPS with a CA made for it, storage in a temp folder, optionally
/// behind basic or token auth with a user made for this registry; stopped and removed on dispose.
/// A QEMU guest reaches it through a guestfwd (QemuMachine.GuestServices).
/// </summary>
public sealed partial class TestRegistry : IAsyncDisposable, IDisposable
{
    private const string Binary = "/usr/bin/docker-registry";

    private readonly Process _process;
    private readonly string _directory;
    private readonly RegistryTokenServer? _tokens;
    private readonly StringBuilder _log = new();
    private bool _disposed;

    private TestRegistry(Process process, string directory, int port, RegistryAuth auth, RegistryCredentials? credentials, RegistryTokenServer? tokens, RegistryTls? tls)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Auth = auth;
        Credentials = credentials;
        _tokens = tokens;
        Tls = tls;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", the registry part of image references.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>http(s)://127.0.0.1:PORT/ (the API is under /v2/).</summary>
    public Uri BaseAddress => new($"{(Tls is null ? "http" : "https")}://{Host}/");

    /// <summary>The CA and server identity when the registry serves HTTPS; null for plain HTTP.</summary>
    public RegistryTls? Tls { get; }

    public RegistryAuth Auth { get; }

    /// <summary>The one user that may pull and push; null when <see cref="Auth"/> is None.</summary>
    public RegistryCredentials? Credentials { get; }

    /// <summary>With token auth: where clients are sent for tokens (http(s)://REALM-HOST:PORT/token); null otherwise.</summary>
    public Uri? TokenRealm => _tokens?.Realm;

    /// <summary>With token auth: the token server's port on 127.0.0.1 (what a guestfwd for the realm points at).</summary>
    public int? TokenPort => _tokens?.Port;

    /// <summary>With token auth: the token requests so far, one line each ("POST user scope...", "-" for no user).</summary>
    public IReadOnlyList<string> TokenRequests => _tokens?.Requests ?? [];

    /// <summary>Where the registry keeps its blobs and manifests.</summary>
    public string StorageDirectory => Path.Combine(_directory, "storage");

    /// <summary>What the registry printed so far (its access log and errors).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a registry on a free port and waits until GET /v2/ answers. With <paramref name="auth"/>
    /// Basic or Token a user and password are made for it (<see cref="Credentials"/>). With Token,
    /// <paramref name="tokenRealmHost"/> is the host put in the realm the registry advertises: the
    /// token server listens on 127.0.0.1, so a QEMU guest needs "10.0.2.2".
    /// </summary>
    public static Task<TestRegistry> StartAsync(RegistryAuth auth = RegistryAuth.None, string tokenRealmHost = "127.0.0.1", CancellationToken cancellationToken = default) =>
        StartAsync(new TestRegistryOptions { Auth = auth, TokenRealmHost = tokenRealmHost }, cancellationToken);

    /// <summary>Starts a registry as <paramref name="options"/> say (auth, TLS, the realm a client is sent to) and waits until GET /v2/ answers.</summary>
    public static async Task<TestRegistry> StartAsync(TestRegistryOptions options, CancellationToken cancellationToken = default)
    {
        File.Exists(Binary).ShouldBeTrue($"{Binary} is missing: run ./hull setup (it installs docker-registry)");
        var directory = Directory.CreateTempSubdirectory("hull-registry-").FullName;
        var auth = options.Auth;
        var tls = options.Tls ? new RegistryTls(directory) : null;
        var credentials = auth == RegistryAuth.None ? null : new RegistryCredentials("hull-test", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var tokens = auth == RegistryAuth.Token
            ? await RegistryTokenServer.StartAsync(directory, credentials!, options.TokenRealmHost, options.TokenRealmPort, tls?.Server, cancellationToken)
            : null;
        var port = FreeTcpPort();
        var config = Path.Combine(directory, "config.yml");
        File.WriteAllText(config, Config(directory, port, auth, credentials, tokens, tls));

        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        var registry = new TestRegistry(process, directory, port, auth, credentials, tokens, tls);
        process.OutputDataReceived += (_, e) => registry.Append(e.Data);
        process.ErrorDataReceived += (_, e) => registry.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await registry.WaitUntilAnsweringAsync(cancellationToken);
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }

        return registry;
    }

    /// <summary>"docker://127.0.0.1:PORT/NAME:TAG", the skopeo reference to an image here.</summary>
    public string DockerReference(string nameAndTag) => $"docker://{Host}/{nameAndTag}";

    /// <summary>
    /// Pushes the image tagged with the tag of <paramref name="nameAndTag"/> in the layout at
    /// <paramref name="layoutDirectory"/> to NAME:TAG here, with skopeo (as the registry's user when
    /// auth is on). Returns the manifest digest the push produced.
    /// </summary>
    public Task<string> PushAsync(string layoutDirectory, string nameAndTag, CancellationToken cancellationToken = default) =>
        PushReferenceAsync($"oci:{layoutDirectory}:{ImageName.Tag(nameAndTag)}", nameAndTag, cancellationToken);

    /// <summary>Pushes <paramref name="image"/> under <paramref name="nameAndTag"/> (default: the image's own name); returns the manifest digest.</summary>
    public Task<string> PushAsync(OciImage image, string? nameAndTag = null, CancellationToken cancellationToken = default) =>
        PushReferenceAsync(image.LayoutReference, nameAndTag ?? image.Name, cancellationToken);

    /// <summary>
    /// An HttpClient on <see cref="BaseAddress"/> that is let in: basic credentials, or a bearer
    /// token granting <paramref name="scopes"/> ("repository:NAME:pull", "registry:catalog:*").
    /// </summary>
    public HttpClient CreateClient(params string[] scopes)
    {
        var client = NewHttpClient();
        client.DefaultRequestHeaders.Authorization = Auth switch
        {
            RegistryAuth.Basic => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Credentials!.ForSkopeo))),
            RegistryAuth.Token => new AuthenticationHeaderValue("Bearer", IssueToken(scopes)),
            _ => null,
        };
        return client;
    }

    /// <summary>With token auth, a token for the registry's user granting <paramref name="scopes"/>, signed as the token server signs them.</summary>
    public string IssueToken(params string[] scopes) =>
        (_tokens ?? throw new InvalidOperationException($"the registry on {Host} uses {Auth} auth, not tokens")).Issue(Credentials!.User, scopes);

    private async Task<string> PushReferenceAsync(string source, string nameAndTag, CancellationToken cancellationToken)
    {
        var digestFile = Path.Combine(_directory, $"push-{Guid.NewGuid():N}.digest");
        // Over HTTPS skopeo checks the registry's certificate against our CA, a real client's view of it.
        List<string> args = ["copy", "--insecure-policy", "--digestfile", digestFile,
            .. Tls is null ? (string[])["--dest-tls-verify=false"] : ["--dest-cert-dir", Tls.CertificateDirectory]];
        if (Auth == RegistryAuth.Basic)
        {
            args.AddRange(["--dest-creds", Credentials!.ForSkopeo]);
        }
        else if (Auth == RegistryAuth.Token)
        {
            // A token made here, not the realm: the realm may name 10.0.2.2, which only a guest reaches.
            args.AddRange(["--dest-registry-token", IssueToken($"repository:{ImageName.Repository(nameAndTag)}:pull,push")]);
        }

        args.AddRange([source, DockerReference(nameAndTag)]);
        var result = await ExternalTool.RunAsync("skopeo", args, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"pushing {source} to {Host}/{nameAndTag} failed: {result}\nregistry log:\n{Log}");
        }

        return File.ReadAllText(digestFile).Trim();
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var client = NewHttpClient();
        client.Timeout = TimeSpan.FromSeconds(2);
        for (var i = 0; i < 150; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited ({_process.ExitCode}) before answering on {Host}:\n{Log}");
            }

            try
            {
                // 200 without auth, 401 with it: either way the API is up.
                using var response = await client.GetAsync("v2/", cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"docker-registry did not answer GET /v2/ on {Host}:\n{Log}");
    }

    /// <summary>An HttpClient on <see cref="BaseAddress"/> without credentials that trusts the registry's CA, if it has one.</summary>
    public HttpClient NewHttpClient() => new(Tls?.TrustingHandler() ?? new SocketsHttpHandler()) { BaseAddress = BaseAddress };

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <summary>A TCP port on 127.0.0.1 nobody listens on right now.</summary>
    internal static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        if (_tokens is not null)
        {
            await _tokens.DisposeAsync();
        }

        Tls?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort, like TempDirectory.
        }
    }
}
