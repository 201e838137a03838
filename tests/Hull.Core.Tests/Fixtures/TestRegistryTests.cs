using System.Net;
using System.Text.Json;
using Hull.Oci;
using Hull.Testing.Oci;
using Hull.Testing.Registry;

namespace Hull.Core.Tests.Fixtures;

/// <summary>The registry fixture: Debian's docker-registry, pushed to and pulled from with skopeo.</summary>
public sealed class TestRegistryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PushAsync_NoAuth_CatalogListsItAndDigestsAgree()
    {
        using var temp = new TempDirectory();
        var image = TestImages.BusyboxHttpd("<h1>v1</h1>").WriteLayout(temp.File("layout"), "hull/httpd:v1");
        await using var registry = await TestRegistry.StartAsync(cancellationToken: Ct);

        var pushed = await registry.PushAsync(image, cancellationToken: Ct);

        pushed.ShouldBe(image.ManifestDigest);   // skopeo kept our manifest byte for byte
        using var client = registry.CreateClient();
        using var catalog = JsonDocument.Parse(await client.GetStringAsync("v2/_catalog", Ct));
        catalog.RootElement.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()).ShouldContain("hull/httpd");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "v2/hull/httpd/manifests/v1") { Headers = { { "Accept", OciMediaTypes.Manifest } } }, Ct);
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Headers.GetValues("Docker-Content-Digest").ShouldBe([image.ManifestDigest]);
        Inspect(registry, "hull/httpd:v1").ShouldBe(image.ManifestDigest);
    }

    [Fact]
    public async Task PushAsync_TwoVersions_BothTagsServedWithTheirOwnDigests()
    {
        using var temp = new TempDirectory();
        var layout = temp.File("layout");
        var v1 = TestImages.BusyboxHttpd("one").WriteLayout(layout, "hull/httpd:v1");
        var v2 = TestImages.BusyboxHttpd("two").WriteLayout(layout, "hull/httpd:v2");
        await using var registry = await TestRegistry.StartAsync(cancellationToken: Ct);

        await registry.PushAsync(layout, "hull/httpd:v1", Ct);
        await registry.PushAsync(layout, "hull/httpd:v2", Ct);

        Inspect(registry, "hull/httpd:v1").ShouldBe(v1.ManifestDigest);
        Inspect(registry, "hull/httpd:v2").ShouldBe(v2.ManifestDigest);
        using var client = registry.CreateClient();
        using var tags = JsonDocument.Parse(await client.GetStringAsync("v2/hull/httpd/tags/list", Ct));
        tags.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order().ShouldBe(["v1", "v2"]);
    }

    [Theory]
    [InlineData(RegistryAuth.Basic)]
    [InlineData(RegistryAuth.Token)]
    public async Task Pull_WithAuth_RefusedWithoutOrWithWrongCredentialsAcceptedWithThem(RegistryAuth auth)
    {
        using var temp = new TempDirectory();
        var image = TestImages.BusyboxHttpd("private").WriteLayout(temp.File("layout"), "hull/httpd:v1");
        await using var registry = await TestRegistry.StartAsync(auth, cancellationToken: Ct);
        await registry.PushAsync(image, cancellationToken: Ct);

        using (var anonymous = new HttpClient { BaseAddress = registry.BaseAddress })
        {
            using var response = await anonymous.GetAsync("v2/hull/httpd/manifests/v1", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.Single().Scheme.ShouldBe(auth == RegistryAuth.Basic ? "Basic" : "Bearer");
        }

        var source = registry.DockerReference("hull/httpd:v1");
        string[] noAuthFile = ["--authfile", temp.File("no-auth.json")];
        var without = ExternalTool.Run("skopeo", ["inspect", "--tls-verify=false", .. noAuthFile, source]);
        without.Succeeded.ShouldBeFalse(without.ToString());
        without.Stderr.ShouldContain("unauthorized", Case.Insensitive);
        var wrong = ExternalTool.Run("skopeo", ["inspect", "--tls-verify=false", .. noAuthFile, "--creds", $"{registry.Credentials!.User}:wrong", source]);
        wrong.Succeeded.ShouldBeFalse(wrong.ToString());

        // A real pull, through the realm's token dance for Token.
        ExternalTool.RunChecked("skopeo", ["copy", "--insecure-policy", "--src-tls-verify=false", .. noAuthFile, "--src-creds", registry.Credentials.ForSkopeo, source, $"oci:{temp.File("pulled")}:v1"]);
        Digest(ExternalTool.RunChecked("skopeo", "inspect", $"oci:{temp.File("pulled")}:v1").Stdout).ShouldBe(image.ManifestDigest);
    }

    [Fact]
    public async Task CreateClient_TokenAuth_CatalogNeedsTheCatalogScope()
    {
        using var temp = new TempDirectory();
        var image = TestImages.BusyboxHttpd("x").WriteLayout(temp.File("layout"), "hull/httpd:v1");
        await using var registry = await TestRegistry.StartAsync(RegistryAuth.Token, cancellationToken: Ct);
        await registry.PushAsync(image, cancellationToken: Ct);

        using var pullOnly = registry.CreateClient("repository:hull/httpd:pull");
        (await pullOnly.GetAsync("v2/_catalog", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var catalog = registry.CreateClient("registry:catalog:*");
        (await catalog.GetStringAsync("v2/_catalog", Ct)).ShouldContain("hull/httpd");
    }

    [Fact]
    public async Task StartAsync_TokenRealmForAGuest_AdvertisesThatHostAndPushStillWorks()
    {
        using var temp = new TempDirectory();
        var image = TestImages.BusyboxHttpd("guest").WriteLayout(temp.File("layout"), "hull/httpd:v1");
        await using var registry = await TestRegistry.StartAsync(RegistryAuth.Token, tokenRealmHost: "10.0.2.2", cancellationToken: Ct);

        (await registry.PushAsync(image, cancellationToken: Ct)).ShouldBe(image.ManifestDigest);
        using var anonymous = new HttpClient { BaseAddress = registry.BaseAddress };
        using var response = await anonymous.GetAsync("v2/", Ct);
        response.Headers.WwwAuthenticate.Single().Parameter!.ShouldContain($"realm=\"http://10.0.2.2:{registry.TokenRealm!.Port}/token\"");
    }

    [Fact]
    public async Task StartAsync_TlsWithToken_HttpsRegistryAndRealmThatSkopeoVerifiesThroughTheCa()
    {
        using var temp = new TempDirectory();
        var image = TestImages.BusyboxHttpd("secure").WriteLayout(temp.File("layout"), "hull/httpd:v1");
        await using var registry = await TestRegistry.StartAsync(new TestRegistryOptions { Auth = RegistryAuth.Token, Tls = true }, Ct);

        (await registry.PushAsync(image, cancellationToken: Ct)).ShouldBe(image.ManifestDigest);
        using (var anonymous = registry.NewHttpClient())
        {
            using var response = await anonymous.GetAsync("v2/", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.Single().Parameter!.ShouldContain($"realm=\"https://127.0.0.1:{registry.TokenPort}/token\"");
        }

        // skopeo checks both certificates (registry and realm) against the CA, then pulls with the user's credentials.
        ExternalTool.RunChecked("skopeo", ["copy", "--insecure-policy", "--authfile", temp.File("no-auth.json"), "--src-cert-dir", registry.Tls!.CertificateDirectory,
            "--src-creds", registry.Credentials!.ForSkopeo, registry.DockerReference("hull/httpd:v1"), $"oci:{temp.File("pulled")}:v1"]);
        Digest(ExternalTool.RunChecked("skopeo", "inspect", $"oci:{temp.File("pulled")}:v1").Stdout).ShouldBe(image.ManifestDigest);
        registry.TokenRequests.ShouldContain(r => r.Contains(registry.Credentials.User, StringComparison.Ordinal) && r.Contains("repository:hull/httpd:pull", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_Tls_ClientWithoutTheCaRefusesTheCertificate()
    {
        await using var registry = await TestRegistry.StartAsync(new TestRegistryOptions { Tls = true }, Ct);
        using var untrusting = new HttpClient { BaseAddress = registry.BaseAddress };

        var error = await Should.ThrowAsync<HttpRequestException>(() => untrusting.GetAsync("v2/", Ct));

        error.InnerException.ShouldBeOfType<System.Security.Authentication.AuthenticationException>();
        using var trusting = registry.NewHttpClient();
        (await trusting.GetAsync("v2/", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenServer_OAuthPasswordGrant_RightCredentialsPullWrongOnesRefused()
    {
        using var temp = new TempDirectory();
        var image = TestImages.BusyboxHttpd("oauth").WriteLayout(temp.File("layout"), "hull/httpd:v1");
        await using var registry = await TestRegistry.StartAsync(new TestRegistryOptions { Auth = RegistryAuth.Token, Tls = true }, Ct);
        await registry.PushAsync(image, cancellationToken: Ct);
        using var client = registry.NewHttpClient();

        // What containerd sends first whenever it has a password (distribution's oauth.md).
        async Task<HttpResponseMessage> GrantAsync(string password) => await client.PostAsync(registry.TokenRealm, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = registry.Credentials!.User,
            ["password"] = password,
            ["service"] = "hull-test-registry",
            ["scope"] = "repository:hull/httpd:pull",
            ["client_id"] = "containerd-client",
        }), Ct);

        using var wrong = await GrantAsync("wrong");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var right = await GrantAsync(registry.Credentials!.Password);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await right.Content.ReadAsStringAsync(Ct));
        using var manifest = new HttpRequestMessage(HttpMethod.Head, "v2/hull/httpd/manifests/v1") { Headers = { { "Accept", OciMediaTypes.Manifest } } };
        manifest.Headers.Authorization = new("Bearer", body.RootElement.GetProperty("access_token").GetString());
        (await client.SendAsync(manifest, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DisposeAsync_Running_FreesThePortAndRemovesStorage()
    {
        var registry = await TestRegistry.StartAsync(cancellationToken: Ct);
        var storage = registry.StorageDirectory;
        using var client = new HttpClient { BaseAddress = registry.BaseAddress };

        await registry.DisposeAsync();

        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("v2/", Ct));
        Directory.Exists(Path.GetDirectoryName(storage)).ShouldBeFalse();
    }

    private static string Inspect(TestRegistry registry, string nameAndTag)
    {
        List<string> args = ["inspect", "--tls-verify=false"];
        if (registry.Credentials is { } credentials)
        {
            args.AddRange(["--creds", credentials.ForSkopeo]);
        }

        args.Add(registry.DockerReference(nameAndTag));
        return Digest(ExternalTool.RunChecked("skopeo", args).Stdout);
    }

    private static string Digest(string skopeoInspect)
    {
        using var doc = JsonDocument.Parse(skopeoInspect);
        return doc.RootElement.GetProperty("Digest").GetString()!;
    }
}
