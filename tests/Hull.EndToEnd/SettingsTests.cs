using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Ctl;

namespace Hull.EndToEnd;

/// <summary>Settings from user data and from the API take effect on the running host; the test reads the kernel's and /etc's state, not the datastore.</summary>
public sealed class SettingsTests
{
    private const string UserData = """

        [settings]
        motd = "Hello from user data"

        [settings.network]
        hostname = "hull-e2e"

        [settings.kernel.sysctl]
        "net.ipv4.ip_forward" = "1"

        [settings.ntp]
        time-servers = ["10.0.2.2", "time.example.com"]

        """;

    [Fact]
    public async Task UserDataAndLiveSet_TakeEffectOnTheRunningHost()
    {
        var build = E2EBuild.Require();

        // A real NTP server on the build machine; QEMU's user network shows it to the guest as 10.0.2.2:123.
        using var chrony = ChronyServer.Start(123);
        await using var host = await BootedHost.StartAsync(build, "settings", direct: true, userData: UserData);
        await host.WaitForApiAsync();

        var facts = await host.GetAsync("/host", ApiJsonContext.Default.JsonObject);
        facts["hostname"]!.GetValue<string>().Trim().ShouldBe("hull-e2e");
        facts["motd"]!.GetValue<string>().ShouldBe("Hello from user data\n");
        (await Sysctl(host, "net.ipv4.ip_forward")).ShouldBe("1");
        var settings = await host.GetAsync("/settings?prefix=settings.ntp", ApiJsonContext.Default.JsonObject);
        settings["ntp"]!["time-servers"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["10.0.2.2", "time.example.com"]);

        // The time-sync service used the configured server: the host says whom it synchronised with.
        await host.EventuallyAsync(
            async () => (await host.GetAsync("/host", ApiJsonContext.Default.JsonObject))["time_sync"]?["server"]?.GetValue<string>() == "10.0.2.2",
            TimeSpan.FromMinutes(2), "the time-sync service to synchronise with 10.0.2.2");
        var sync = (await host.GetAsync("/host", ApiJsonContext.Default.JsonObject))["time_sync"]!;
        sync["stratum"]!.GetValue<int>().ShouldBe(ChronyServer.Stratum);

        // A live change through hull ctl over mutual TLS reaches the running kernel without a reboot.
        using var client = host.Client();
        var error = new StringWriter();
        (await CtlRunner.RunAsync(client, ["set", "kernel.sysctl.\"net.ipv4.ip_default_ttl\"=\"99\""], TextWriter.Null, error, TestContext.Current.CancellationToken)).ShouldBe(0, error.ToString());
        (await Sysctl(host, "net.ipv4.ip_default_ttl")).ShouldBe("99");
    }

    [Fact]
    public async Task InvalidUserData_AppliesNothingAndTheHostStillWorks()
    {
        var build = E2EBuild.Require();
        const string bad = """

            [settings]
            motd = "this must not be applied"

            [settings.network]
            hostname = "not a hostname"

            """;
        await using var host = await BootedHost.StartAsync(build, "bad-user-data", direct: true, userData: bad);
        await host.WaitForApiAsync();

        var status = await host.GetAsync("/user-data", ApiJsonContext.Default.UserDataStatus);
        status.Applied.ShouldBeFalse();
        status.Errors.ShouldContain(e => e.Contains("settings.network.hostname", StringComparison.Ordinal));
        host.ConsoleText().ShouldContain("hull: user data: NOT applied");

        var facts = await host.GetAsync("/host", ApiJsonContext.Default.JsonObject);
        facts["motd"]!.GetValue<string>().ShouldBe("Welcome to Hull!\n");
        await host.EventuallyAsync(
            async () => (await host.GetAsync("/services", ApiJsonContext.Default.ListServiceStatus)).All(s => s.State == "ready"),
            TimeSpan.FromMinutes(2), "every service ready with the defaults");
    }

    [Fact]
    public async Task LiveHttpsProxy_ContainerdRestartedWithItInItsEnvironment()
    {
        const string proxy = "http://10.0.2.2:3128";
        var build = E2EBuild.Require();
        await using var host = await BootedHost.StartAsync(build, "proxy", direct: true);
        await host.WaitForApiAsync();
        await host.EventuallyAsync(
            async () => (await Services(host)).All(s => s.State == "ready"), TimeSpan.FromMinutes(2), "every service ready");
        var before = await Services(host);
        Named(before, "containerd").Restarts.ShouldBe(0, "a host without proxies never restarts containerd for them");

        // The dry run names what the apply will restart.
        using var client = host.Client();
        var dryRun = await DryRunAsync(client, "probe", proxy);
        dryRun.Services.ShouldBe(["containerd"]);
        dryRun.Files.Single().Path.ShouldBe("/etc/hull/containerd.env");

        var error = new StringWriter();
        (await CtlRunner.RunAsync(client, ["set", $"network.https-proxy={proxy}"], TextWriter.Null, error, TestContext.Current.CancellationToken)).ShouldBe(0, error.ToString());

        await host.EventuallyAsync(
            async () => Named(await Services(host), "containerd") is { State: "ready", Pid: { } pid } && pid != Named(before, "containerd").Pid,
            TimeSpan.FromMinutes(2), "containerd to run again as a new process");
        var after = await Services(host);
        Named(after, "containerd").ShouldSatisfyAllConditions(
            c => c.Restarts.ShouldBe(1),
            c => c.LastExit!.ShouldStartWith("restarted on request"));
        Named(after, "workloads").Pid.ShouldBe(Named(before, "workloads").Pid, "the workloads service reconnects; it is not restarted");
        Named(after, "apiserver").Pid.ShouldBe(Named(before, "apiserver").Pid);

        // What PID 1 gave the new containerd, from its log, and the file it read, from the host (a dry run's "before").
        var log = await client.GetStringAsync("/services/containerd/log?lines=10000", TestContext.Current.CancellationToken);
        log.ShouldContain("hull: init: starting containerd with HTTPS_PROXY, https_proxy, NO_PROXY, no_proxy from /etc/hull/containerd.env");
        var rendered = (await DryRunAsync(client, "look", "http://10.0.2.2:3129")).Files.Single().Before;
        rendered.ShouldNotBeNull().ShouldContain($"HTTPS_PROXY={proxy}\nhttps_proxy={proxy}\nNO_PROXY=localhost,127.0.0.1\n");
    }

    private static async Task<DryRunResult> DryRunAsync(HttpClient client, string transaction, string proxy)
    {
        var ct = TestContext.Current.CancellationToken;
        var patch = new JsonObject { ["network"] = new JsonObject { ["https-proxy"] = proxy } };
        using var body = new StringContent(patch.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using (var patched = await client.PatchAsync($"/settings?tx={transaction}", body, ct))
        {
            patched.StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent, await patched.Content.ReadAsStringAsync(ct));
        }

        using var response = await client.PostAsync($"/tx/dry-run?tx={transaction}", null, ct);
        var result = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(ct), ApiJsonContext.Default.DryRunResult)!;
        (await client.DeleteAsync($"/tx?tx={transaction}", ct)).Dispose();
        return result;
    }

    private static Task<List<ServiceStatus>> Services(BootedHost host) => host.GetAsync("/services", ApiJsonContext.Default.ListServiceStatus);

    private static ServiceStatus Named(List<ServiceStatus> services, string name) => services.Single(s => s.Name == name);

    [Fact]
    public async Task ConfigDriveUserData_WithoutFwCfg_TakesEffectOnTheRunningHost()
    {
        var build = E2EBuild.Require();
        const string userData = """

            [settings]
            motd = "Hello from a config drive"

            [settings.network]
            hostname = "hull-drive"

            [settings.kernel]
            lockdown = "confidentiality"

            [settings.kernel.modules.tun]
            allowed = true

            [settings.kernel.modules.isofs]
            allowed = false

            """;

        // The whole user data, the API's TLS table included, is only on the drive: the API answering proves it was read.
        await using var host = await BootedHost.StartAsync(build, "config-drive", direct: true, userData: userData, configDrive: true);
        await host.WaitForApiAsync();

        var facts = await host.GetAsync("/host", ApiJsonContext.Default.JsonObject);
        facts["hostname"]!.GetValue<string>().Trim().ShouldBe("hull-drive");
        facts["motd"]!.GetValue<string>().ShouldBe("Hello from a config drive\n");
        var status = await host.GetAsync("/user-data", ApiJsonContext.Default.UserDataStatus);
        status.Applied.ShouldBeTrue(string.Join("; ", status.Errors));
        status.Source.ShouldStartWith("config drive HULLDATA (/dev/vd");
        status.Source.ShouldContain("vfat");

        // Kernel settings, as the kernel has them: a direct boot starts unlocked, so Hull raised the level; tun is an optional
        // module Hull loaded; isofs was loaded by PID 1 before the user data was read, and unloaded by its apply (unused).
        facts["lockdown"]!.GetValue<string>().ShouldBe("confidentiality");
        var modules = facts["modules"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        modules.ShouldContain("tun");
        modules.ShouldNotContain("isofs");

        // Lockdown is never lowered: the commit is refused, naming the key, and the kernel keeps its level.
        using var client = host.Client();
        var error = new StringWriter();
        (await CtlRunner.RunAsync(client, ["set", "kernel.lockdown=integrity"], TextWriter.Null, error, TestContext.Current.CancellationToken)).ShouldBe(1, error.ToString());
        error.ToString().ShouldContain("settings.kernel.lockdown");
        (await host.GetAsync("/host", ApiJsonContext.Default.JsonObject))["lockdown"]!.GetValue<string>().ShouldBe("confidentiality");
    }

    private static async Task<string> Sysctl(BootedHost host, string name) =>
        (await host.GetAsync($"/host/sysctl?names={name}", ApiJsonContext.Default.JsonObject))[name]!.GetValue<string>();
}
