using System.Text;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Ctl;

namespace Hull.EndToEnd;

/// <summary>
/// Host and bootstrap containers on a booted host, with Hull's own host-container image (no registry): a bootstrap
/// container from the user data runs once before anything else; the control container runs by default and reaches the
/// API with apiclient; admin is enabled, runs commands and a shell with a terminal over `hull ctl exec`, and is gone
/// when disabled; an essential bootstrap container that fails keeps the host from reaching ready, and the API says why.
/// </summary>
public sealed class HostContainerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostContainers_BootstrapAdminControl_RunAsDeclared()
    {
        var build = E2EBuild.Require();
        var userData = $$"""

            [settings.bootstrap-containers.setup]
            source = "localhost/hull/admin:latest"
            mode = "once"
            essential = true
            user-data = "{{Base64("echo \"bootstrapped as $(id -u)\" > /.hull/rootfs/var/lib/bootstrap-proof")}}"

            """;
        await using var host = await BootedHost.StartAsync(build, "host-containers", direct: true, userData: userData, coldReboots: true);
        await host.WaitForApiAsync();
        using var api = host.Client();

        // The bootstrap container ran once, as root with the host's root mounted, and its mode went to off.
        await host.EventuallyAsync(async () => (await BootstrapAsync(host)).SingleOrDefault() is { State: "succeeded", ExitCode: 0 }, Patience, "the setup bootstrap container to succeed");
        await host.EventuallyAsync(async () => (await api.GetStringAsync("/settings?keys=settings.bootstrap-containers.setup.mode", Ct)).Contains("\"off\"", StringComparison.Ordinal), Patience, "setup's mode turned off");

        // control runs by default; apiclient inside it reaches the API; the host's root is not there.
        await WaitForStateAsync(host, "control", "running");
        var (code, stdout, _, error) = await ExecAsync(host, ["exec", "control", "--", "apiclient", "get", "motd"]);
        code.ShouldBe(0, error);
        stdout.ShouldContain("Welcome to Hull!");
        (await ExecAsync(host, ["exec", "control", "--", "test", "-e", "/.hull/rootfs/usr/bin/hull"])).Code.ShouldBe(1);

        // admin, once enabled: commands with their exit code, the bootstrap container's work, a shell with a terminal.
        await Ctl.MustSucceedAsync(api, "set", "host-containers.admin.enabled=true");
        await WaitForStateAsync(host, "admin", "running");
        (code, stdout, _, error) = await ExecAsync(host, ["exec", "admin", "--", "sh", "-c", "cat /.hull/rootfs/var/lib/bootstrap-proof; exit 5"]);
        code.ShouldBe(5, error);
        stdout.ShouldBe("bootstrapped as 0\n");
        (code, stdout, _, error) = await ExecAsync(host, ["exec", "-it", "admin", "--", "sh"], "tty\necho $((6 * 7))\nexit\n");
        code.ShouldBe(0, error);
        stdout.ShouldContain("/dev/pts/");
        stdout.ShouldContain("42");

        // Disabled: gone.
        await Ctl.MustSucceedAsync(api, "set", "host-containers.admin.enabled=false");
        await WaitForStateAsync(host, "admin", "stopped");
        (code, _, _, error) = await ExecAsync(host, ["exec", "admin", "--", "true"]);
        code.ShouldBe(126);
        error.ShouldContain("host container 'admin' is not running");

        // An essential bootstrap container that fails: after the reboot the host stops short of ready and says why.
        var gate = new JsonObject { ["source"] = "localhost/hull/admin:latest", ["mode"] = "always", ["essential"] = true, ["user-data"] = Base64("echo gate closed; exit 4") };
        await Ctl.MustSucceedAsync(api, "set", $"bootstrap-containers.gate={gate.ToJsonString()}");
        await Ctl.MustSucceedAsync(api, "reboot");
        await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        await host.WaitForApiAsync();
        await host.EventuallyAsync(async () => (await BootstrapAsync(host)).Any(b => b is { Name: "gate", State: "failed" }), Patience, "the gate bootstrap container to fail");
        var bootstrap = await BootstrapAsync(host);
        bootstrap.ShouldContain(new BootstrapContainerStatus("gate", "always", true, "failed", 4, "exited with code 4"));
        bootstrap.Single(b => b.Name == "setup").State.ShouldBe("skipped");
        await host.WaitForConsoleAsync("essential bootstrap container gate failed", TimeSpan.FromMinutes(1));
        (await host.GetAsync("/services", ApiJsonContext.Default.ListServiceStatus)).Single(s => s.Name == "workloads").State.ShouldNotBe("ready");
        (await host.GetAsync("/host-containers", ApiJsonContext.Default.ListHostContainerStatus)).ShouldBeEmpty();
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static Task<List<BootstrapContainerStatus>> BootstrapAsync(BootedHost host) =>
        host.GetAsync("/bootstrap-containers", ApiJsonContext.Default.ListBootstrapContainerStatus);

    private static Task WaitForStateAsync(BootedHost host, string name, string state) =>
        host.EventuallyAsync(
            async () => (await host.GetAsync("/host-containers", ApiJsonContext.Default.ListHostContainerStatus)).Any(h => h.Name == name && h.State == state),
            Patience,
            $"host container {name} {state}",
            "/host-containers", "/services/workloads/log?lines=60");

    private static async Task<(int Code, string Stdout, string Stderr, string Error)> ExecAsync(BootedHost host, string[] args, string stdin = "")
    {
        using var api = host.Client();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var error = new StringWriter();
        var streams = new CtlStreams(
            () => new HttpMessageInvoker(ApiClient.RemoteHandler(host.Instance.Tls.LoadClient(), host.Instance.Tls.LoadCa())),
            new MemoryStream(Encoding.ASCII.GetBytes(stdin)), stdout, stderr, StdinIsTerminal: false);
        var code = await CtlRunner.RunAsync(api, args, TextWriter.Null, error, Ct, streams);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), error.ToString());
    }
}
