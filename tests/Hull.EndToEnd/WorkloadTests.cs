using System.Net.Sockets;
using Hull.Api;
using Hull.Builder.Qemu;
using Hull.Ctl;
using Hull.Testing.Oci;
using Hull.Testing.Registry;

namespace Hull.EndToEnd;

/// <summary>
/// Workloads on a booted host: images the test builds, served by a real registry on the build machine
/// that the guest reaches through QEMU's guestfwd; the page is fetched from the build machine through a
/// host port (CNI portmap in the guest, hostfwd in QEMU).
/// </summary>
public sealed class WorkloadTests
{
    private const int RegistryGuestPort = 5000;
    private const int WebHostPort = 8080;
    private static readonly string Registry = $"{QemuMachine.GuestServiceAddress}:{RegistryGuestPort}";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Workload_DeployScaleReplaceFailAndRemove_RunsAsDeclared()
    {
        var build = E2EBuild.Require();
        await using var registry = await TestRegistry.StartAsync(cancellationToken: Ct);
        var layouts = E2EBuild.ScratchDirectory("workload-images");
        await registry.PushAsync(TestImages.BusyboxHttpd("hello from v1\n").WriteLayout(Path.Combine(layouts, "v1"), "web:1"), "web:1", Ct);
        await registry.PushAsync(TestImages.BusyboxHttpd("hello from v2\n").WriteLayout(Path.Combine(layouts, "v2"), "web:2"), "web:2", Ct);

        var pagePort = LoopbackPort.Free();
        var userData = $$"""

            [settings.container-registry]
            mirrors = [{ registry = "{{Registry}}", endpoint = ["http://{{Registry}}"] }]

            """;
        await using var host = await BootedHost.StartAsync(build, "workloads", direct: true, userData: userData,
            publish: [(pagePort, WebHostPort)], guestServices: [(RegistryGuestPort, registry.Port)], coldReboots: true);
        await host.WaitForApiAsync();
        using var api = host.Client();
        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{pagePort}/"), Timeout = TimeSpan.FromSeconds(10) };

        // Deploy two replicas on host port 8080 with hull ctl, and fetch the page from the build machine.
        await Ctl.MustSucceedAsync(api, "run", "web", $"{Registry}/web:1", "--replicas", "2", "--port", $"{WebHostPort}:8080", "--health", "http:8080/index.html");
        await WaitForAsync(host, "web", w => w.Running == 2 && w.Replicas.All(r => r.Health == "healthy"), "2 healthy replicas of web");
        await host.EventuallyAsync(async () => await web.GetStringAsync("/", Ct) == "hello from v1\n", Patience, "the v1 page on the host port");

        // Scale up and down.
        await Ctl.MustSucceedAsync(api, "scale", "web", "3");
        await WaitForAsync(host, "web", w => w.Running == 3 && w.Replicas.Count == 3, "3 running replicas");
        await Ctl.MustSucceedAsync(api, "scale", "web", "1");
        await WaitForAsync(host, "web", w => w.Running == 1 && w.Replicas.Count == 1, "1 replica left");

        // A new image replaces the replica; the page changes.
        await Ctl.MustSucceedAsync(api, "set", $"workloads.web.image=\"{Registry}/web:2\"");
        await WaitForAsync(host, "web", w => w.Running == 1 && w.Replicas.All(r => r.Current), "web replaced by the web:2 spec");
        await host.EventuallyAsync(async () => await web.GetStringAsync("/", Ct) == "hello from v2\n", Patience, "the v2 page");

        // A container that keeps failing is restarted with back-off; an image that does not exist is
        // reported; neither disturbs web.
        await Ctl.MustSucceedAsync(api, "run", "crasher", $"{Registry}/web:1", "--restart", "on-failure", "--", "/bin/sh", "-c", "echo crashing on purpose; sleep 1; exit 3");
        await Ctl.MustSucceedAsync(api, "run", "ghost", $"{Registry}/ghost:1");
        await WaitForAsync(host, "crasher", w => w.Replicas.Any(r => r.Restarts >= 2), "crasher restarted twice");
        await WaitForAsync(host, "ghost", w => w.Message?.Contains($"cannot pull {Registry}/ghost:1", StringComparison.Ordinal) == true, "ghost's pull failure reported");
        var crasher = (await WorkloadsAsync(host)).Single(w => w.Name == "crasher");
        crasher.Replicas.Single().ExitCode.ShouldBeOneOf(3, null);
        (await WorkloadsAsync(host)).Single(w => w.Name == "web").Running.ShouldBe(1);
        (await web.GetStringAsync("/", Ct)).ShouldBe("hello from v2\n");

        // Its output, from the container log CRI keeps.
        var logs = new StringWriter();
        (await CtlRunner.RunAsync(api, ["logs", "crasher"], logs, TextWriter.Null, Ct)).ShouldBe(0);
        logs.ToString().ShouldContain("[0] crashing on purpose\n");

        // hull ctl rm: the workloads leave settings, and their pods go with them (GET /workloads lists a workload
        // while any of its pods is left, declared or not); web is not touched.
        await Ctl.MustSucceedAsync(api, "rm", "crasher");
        await Ctl.MustSucceedAsync(api, "rm", "ghost");
        await host.EventuallyAsync(async () => (await WorkloadsAsync(host)).All(w => w.Name is not ("crasher" or "ghost")), Patience, "crasher's and ghost's pods gone");
        (await WorkloadsAsync(host)).Single(w => w.Name == "web").Running.ShouldBe(1);
        (await api.GetStringAsync("/settings?prefix=settings.workloads", Ct)).ShouldNotContain("crasher");

        // Isolation, as a workload sees it: not the host's files, not the API socket, no one else's
        // processes; no new privileges and a seccomp filter.
        await Ctl.MustSucceedAsync(api, "run", "probe", $"{Registry}/web:1", "--volume", "state:/data", "--", "/bin/sh", "-c", Probe);
        await host.EventuallyAsync(async () => (await api.GetStringAsync("/workloads/probe/logs", Ct)).Contains("[0] done", StringComparison.Ordinal), Patience, "the probe's report");
        var report = await api.GetStringAsync("/workloads/probe/logs", Ct);
        report.ShouldContain("[0] api-socket hidden\n");
        report.ShouldContain("[0] host-root hidden\n");
        report.ShouldContain("[0] NoNewPrivs:\t1\n");
        report.ShouldContain("[0] Seccomp:\t2\n");
        int.Parse(report.Split('\n').Single(l => l.StartsWith("[0] processes ", StringComparison.Ordinal))["[0] processes ".Length..], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeLessThan(5, report);

        // A user namespace of its own: root in the container is host id 65536 and up (the first range given), the image's
        // files are its own (containerd's copy owned by the range), it writes its volume and binds port 80 in its own
        // network namespace, which the health check reaches.
        await Ctl.MustSucceedAsync(api, "run", "jailed", $"{Registry}/web:1", "--user-namespace", "--volume", "jail:/data", "--health", "http:80/index.html", "--", "/bin/sh", "-c", Jailed);
        await WaitForAsync(host, "jailed", w => w.Running == 1 && w.Replicas.All(r => r.Health == "healthy"), "the jailed workload healthy on port 80");
        var jailed = await api.GetStringAsync("/workloads/jailed/logs", Ct);
        jailed.ShouldContain("[0] uid_map 0 65536 65536\n");
        jailed.ShouldContain("[0] gid_map 0 65536 65536\n");
        jailed.ShouldContain("[0] id 0\n");
        jailed.ShouldContain("[0] image-files writable\n");
        jailed.ShouldContain("[0] runs 1\n");
        report.ShouldContain("[0] uid_map 0 0 4294967295\n");

        // After a reboot the declared workloads come back by themselves.
        await Ctl.MustSucceedAsync(api, "reboot");
        await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        await host.WaitForApiAsync();
        await WaitForAsync(host, "web", w => w.Running == 1, "web back after the reboot");
        await host.EventuallyAsync(async () => await web.GetStringAsync("/", Ct) == "hello from v2\n", Patience, "the v2 page after the reboot");

        // The probe ran again after the reboot, and its volume on DATA kept what it wrote the first time; so did the
        // jailed workload's, whose range stayed the same.
        await host.EventuallyAsync(async () => (await api.GetStringAsync("/workloads/probe/logs", Ct)).Contains("[0] runs 2", StringComparison.Ordinal), Patience, "the probe's second run, counted in its volume");
        await host.EventuallyAsync(async () => (await api.GetStringAsync("/workloads/jailed/logs", Ct)).Contains("[0] runs 2", StringComparison.Ordinal), Patience, "the jailed workload's second run, counted in its volume");
        (await api.GetStringAsync("/workloads/jailed/logs", Ct)).ShouldContain("[0] uid_map 0 65536 65536\n");
    }

    // In its user namespace: the ids it maps, root inside, the image's files and its volume its own; then a web server on port 80.
    private const string Jailed = """
        echo uid_map $(cat /proc/self/uid_map)
        echo gid_map $(cat /proc/self/gid_map)
        echo id $(busybox id -u)
        echo jailed > /www/written && echo image-files writable || echo image-files read-only
        echo run >> /data/runs
        echo runs $(busybox wc -l < /data/runs)
        exec busybox httpd -f -p 80 -h /www
        """;

    // What a workload can see: the host's API socket and binary must not be there, and its PID namespace holds only itself.
    private const string Probe = """
        test -e /run/api.sock && echo api-socket visible || echo api-socket hidden
        test -e /usr/bin/hull && echo host-root visible || echo host-root hidden
        echo processes $(busybox ls /proc | busybox grep -c '^[0-9]')
        busybox grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status
        echo uid_map $(cat /proc/self/uid_map)
        echo run >> /data/runs
        echo runs $(busybox wc -l < /data/runs)
        echo done
        exec sleep 3600
        """;

    private static Task<List<WorkloadStatus>> WorkloadsAsync(BootedHost host) => host.GetAsync("/workloads", ApiJsonContext.Default.ListWorkloadStatus);

    private static Task WaitForAsync(BootedHost host, string name, Func<WorkloadStatus, bool> condition, string what) =>
        host.EventuallyAsync(async () => (await WorkloadsAsync(host)).FirstOrDefault(w => w.Name == name) is { } w && condition(w), Patience, what,
            "/workloads", "/services/workloads/log?lines=60", "/services/containerd/log?lines=40");
}
