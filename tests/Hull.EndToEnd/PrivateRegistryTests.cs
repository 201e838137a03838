using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Builder.Qemu;
using Hull.Ctl;
using Hull.Testing.Oci;
using Hull.Testing.Registry;

namespace Hull.EndToEnd;

/// <summary>
/// A workload from a private registry over HTTPS: token auth (an HTTPS realm too) with the user from
/// settings.container-registry.credentials, and a CA made for this run that the host trusts only once
/// settings.pki says so. Registry and token server are on the build machine, reached through guestfwd.
/// </summary>
public sealed class PrivateRegistryTests
{
    private const int RegistryGuestPort = 5443;
    private const int TokenGuestPort = 5001;
    private const int WebHostPort = 8080;
    private static readonly string Registry = $"{QemuMachine.GuestServiceAddress}:{RegistryGuestPort}";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Workload_HttpsRegistryWithTokenAuth_PullsOnceSettingsPkiTrustsItsCa()
    {
        var build = E2EBuild.Require();
        await using var registry = await TestRegistry.StartAsync(new TestRegistryOptions
        {
            Auth = RegistryAuth.Token,
            Tls = true,
            TokenRealmHost = QemuMachine.GuestServiceAddress,
            TokenRealmPort = TokenGuestPort,
        }, Ct);
        var layouts = E2EBuild.ScratchDirectory("private-registry-images");
        await registry.PushAsync(TestImages.BusyboxHttpd("hello over https\n").WriteLayout(layouts, "web:1"), "web:1", Ct);

        // The credentials and the workload from the start; the CA not yet.
        var pagePort = LoopbackPort.Free();
        var userData = $$"""

            [settings.container-registry]
            credentials = [{ registry = "{{Registry}}", username = "{{registry.Credentials!.User}}", password = "{{registry.Credentials.Password}}" }]

            [settings.workloads.web]
            image = "{{Registry}}/web:1"
            ports = [{ container-port = 8080, host-port = {{WebHostPort}} }]

            """;
        await using var host = await BootedHost.StartAsync(build, "private-registry", direct: true, userData: userData,
            publish: [(pagePort, WebHostPort)], guestServices: [(RegistryGuestPort, registry.Port), (TokenGuestPort, registry.TokenPort!.Value)]);
        await host.WaitForApiAsync();
        using var api = host.Client();

        // Without the CA: the pull fails on the registry's certificate, and the workload says what to do.
        var refused = await WaitForAsync(host, w => w.Message?.Contains("x509: certificate signed by unknown authority", StringComparison.Ordinal) == true, "the pull refused for the unknown CA");
        refused.Message.ShouldStartWith($"cannot pull {Registry}/web:1: the registry's TLS certificate is not signed by a CA the host trusts (add that CA to settings.pki with trusted = true): ");
        refused.Running.ShouldBe(0);
        registry.TokenRequests.ShouldBeEmpty("nothing got past TLS to ask for a token");

        // A bundle that is not certificates is refused, naming the key; nothing is applied.
        var error = new StringWriter();
        (await CtlRunner.RunAsync(api, ["set", "pki.registry-ca.data=aGVsbG8=", "pki.registry-ca.trusted=true"], TextWriter.Null, error, Ct)).ShouldBe(1);
        error.ToString().ShouldContain("settings.pki.registry-ca.data: is not base64 of PEM certificates: it has no -----BEGIN CERTIFICATE----- block");

        // Trust the CA: the store is rendered, containerd restarted, and the next pull gets a token with the user and runs.
        var containerd = (await ServicesAsync(host)).Single(s => s.Name == "containerd");
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(registry.Tls!.CaPem));
        await Ctl.MustSucceedAsync(api, "set", $"pki.registry-ca.data={ca}", "pki.registry-ca.trusted=true");
        await WaitForAsync(host, w => w.Running == 1, "web running from the HTTPS registry");
        await host.EventuallyAsync(async () => await PageAsync(pagePort) == "hello over https\n", Patience, "the page on the host port");
        registry.TokenRequests.ShouldContain(r => r.Contains($" {registry.Credentials.User} repository:web:pull", StringComparison.Ordinal), string.Join('\n', registry.TokenRequests));
        var restarted = (await ServicesAsync(host)).Single(s => s.Name == "containerd");
        restarted.Restarts.ShouldBe(containerd.Restarts + 1);
        restarted.Pid.ShouldNotBe(containerd.Pid);

        // The store on the host, as a dry run that would distrust the CA reads it: the image's public CAs, then ours.
        var store = (await DryRunAsync(api, new JsonObject { ["pki"] = new JsonObject { ["registry-ca"] = new JsonObject { ["trusted"] = false } } }))
            .Files.Single(f => f.Path == "/etc/ssl/certs/ca-certificates.crt").Before.ShouldNotBeNull();
        store.ShouldStartWith("# The host's trust store, written by hull: ");
        store.ShouldContain("# mozilla/ISRG_Root_X1.crt\n-----BEGIN CERTIFICATE-----");
        store.ShouldContain("# settings.pki.registry-ca\n" + registry.Tls.Ca.ExportCertificatePem());
    }

    private static async Task<string> PageAsync(int port)
    {
        using var web = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await web.GetStringAsync($"http://127.0.0.1:{port}/", Ct);
    }

    private static Task<List<ServiceStatus>> ServicesAsync(BootedHost host) => host.GetAsync("/services", ApiJsonContext.Default.ListServiceStatus);

    private static async Task<DryRunResult> DryRunAsync(HttpClient api, JsonObject patch)
    {
        const string transaction = "look";
        using var body = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/json");
        using (var patched = await api.PatchAsync($"/settings?tx={transaction}", body, Ct))
        {
            patched.StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent, await patched.Content.ReadAsStringAsync(Ct));
        }

        using var response = await api.PostAsync($"/tx/dry-run?tx={transaction}", null, Ct);
        var result = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.DryRunResult)!;
        (await api.DeleteAsync($"/tx?tx={transaction}", Ct)).Dispose();
        return result;
    }

    // The web workload's state once it satisfies the condition; on a timeout, what the host says about it.
    private static async Task<WorkloadStatus> WaitForAsync(BootedHost host, Func<WorkloadStatus, bool> condition, string what)
    {
        WorkloadStatus? found = null;
        await host.EventuallyAsync(async () => (found = (await host.GetAsync("/workloads", ApiJsonContext.Default.ListWorkloadStatus)).FirstOrDefault(w => w.Name == "web")) is { } w && condition(w), Patience, what,
            "/workloads", "/services/workloads/log?lines=40", "/services/containerd/log?lines=40");
        return found!;
    }

}
