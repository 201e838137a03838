using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hull.Api;
using Hull.Builder.Qemu;
using Hull.Ctl;
using Hull.Testing;
using Hull.Testing.Http;
using Hull.Testing.Oci;
using Hull.Testing.Registry;

namespace Hull.EndToEnd;

/// <summary>
/// Signed A/B updates on a host booted through OVMF and systemd-boot: the run's image (v1) updates from a repository
/// that `./hull test` published with `hull repo` (v2, and v3, which lost its CNI bridge plugin), served on the build
/// machine and reached through guestfwd. A tampered payload is refused; v2 boots from slot B on trial and is blessed,
/// with its settings migration, and the operator's rollback brings v1 back with the migration undone; v3 boots on
/// trial, its workload never becomes healthy, and the host goes back to v1 by itself, the settings migrations of v2
/// (skipped) and v3 run forward and back; power cuts while a slot is written and after activation each leave a host
/// that boots a working version.
/// </summary>
public sealed class UpdateTests
{
    private const int RepoGuestPort = 8000;
    private const int RegistryGuestPort = 5000;
    private static readonly string Registry = $"{QemuMachine.GuestServiceAddress}:{RegistryGuestPort}";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    // The sysctl v2's settings migration sets (Releases/v2-migrations.json).
    private const string Somaxconn = "net.core.somaxconn";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Update_TamperedPayloadThenV2ThenRollback_RefusedThenV2KeptWithItsMigrationThenV1WithoutIt()
    {
        var build = E2EBuild.Require();
        var (repo, v2, _) = UpdateRepo();
        using var server = new StaticHttpServer(repo);
        await using var registry = await RegistryWithWebAsync("update-images");
        var userData = """

            [settings]
            motd = "kept across updates"

            """ + RegistryMirror + UpdateSettings(versionLock: v2, healthTimeoutSeconds: 90);
        await using var host = await BootedHost.StartAsync(build, "update", direct: false, userData: userData,
            guestServices: [(RepoGuestPort, server.Port), (RegistryGuestPort, registry.Port)], coldReboots: true);
        var v1 = await host.WaitForApiAsync();
        v1.ActiveSlot.ShouldBe("A");
        using var api = host.Client();
        await Ctl.MustSucceedAsync(api, "run", "web", $"{Registry}/web:1", "--port", "8080:8080", "--health", "http:8080/index.html");
        await WaitForHealthyWebAsync(host);

        // A mirror that flips a byte of v2's root payload: TUF's hash check refuses it, naming the target, and the host
        // stays on v1 with nothing activated.
        server.Rewrite = (path, bytes) => path.EndsWith("root.img.zst", StringComparison.Ordinal) ? Flip(bytes) : null;
        var error = new StringWriter();
        (await CtlRunner.RunAsync(api, ["update", "apply"], TextWriter.Null, error, Ct)).ShouldBe(1, error.ToString());
        error.ToString().ShouldContain("root.img.zst");
        var refused = await StatusAsync(api);
        refused["most_recent_command"]!["cmd_status"]!.GetValue<string>().ShouldBe("Failed");
        refused["update_state"]!.GetValue<string>().ShouldNotBe("Ready");
        server.Rewrite = (_, _) => null;

        // v2: written to slot B, activated, rebooted into on trial, blessed once healthy; settings and workloads kept.
        await Ctl.MustSucceedAsync(api, "update", "apply", "--reboot");
        await host.WaitForConsoleAsync("hull: init: rebooting", TimeSpan.FromMinutes(1));
        await host.EventuallyAsync(async () => (await host.GetAsync("/os", ApiJsonContext.Default.OsInfo)) is { VersionId: var v, ActiveSlot: "B" } && v == v2, Patience, $"{v2} running from slot B");
        await host.EventuallyAsync(async () => Assessment(await StatusAsync(api)) is ("good", var v) && v == v2, Patience, $"{v2}'s boot assessed good");
        host.ConsoleText().ShouldContain($"on trial");
        (await api.GetStringAsync("/settings?keys=settings.motd", Ct)).ShouldContain("kept across updates");
        await WaitForHealthyWebAsync(host);

        // v2's settings migration (Releases/v2-migrations.json) ran at its first boot, and the sysctl it set is live.
        host.ConsoleText().ShouldContain($"hull: settings: migrated from version {v1.VersionId} to {v2} (1 step(s))");
        (await LiveSysctlAsync(host, Somaxconn)).ShouldBe("1024");

        // The operator goes back: v1 boots from slot A, the migration runs backward, the rest of the settings stay.
        await Ctl.MustSucceedAsync(api, "update", "rollback", "--reboot");
        await host.EventuallyAsync(async () => (await host.GetAsync("/os", ApiJsonContext.Default.OsInfo)) is { VersionId: var v, ActiveSlot: "A" } && v == v1.VersionId,
            Patience, $"{v1.VersionId} running from slot A after the rollback", "/updates/status");
        host.ConsoleText().ShouldContain($"hull: settings: migrated from version {v2} to {v1.VersionId} (1 step(s))");
        (await api.GetStringAsync("/settings?keys=settings.kernel.sysctl", Ct)).ShouldNotContain(Somaxconn);
        (await api.GetStringAsync("/settings?keys=settings.motd", Ct)).ShouldContain("kept across updates");
        await WaitForHealthyWebAsync(host);
    }

    [Fact]
    public async Task Update_V3WhoseWorkloadNeverBecomesHealthy_IsMarkedBadAndV1ComesBackByItself()
    {
        var build = E2EBuild.Require();
        var (repo, _, v3) = UpdateRepo();
        using var server = new StaticHttpServer(repo);
        await using var registry = await RegistryWithWebAsync("rollback-images");
        var userData = RegistryMirror + UpdateSettings(versionLock: null, healthTimeoutSeconds: 90);
        await using var host = await BootedHost.StartAsync(build, "update-rollback", direct: false, userData: userData,
            guestServices: [(RepoGuestPort, server.Port), (RegistryGuestPort, registry.Port)], coldReboots: true);
        var v1 = (await host.WaitForApiAsync()).VersionId;
        using var api = host.Client();
        await Ctl.MustSucceedAsync(api, "run", "web", $"{Registry}/web:1", "--port", "8080:8080", "--health", "http:8080/index.html");
        await WaitForHealthyWebAsync(host);

        // v3 (the latest) lost the CNI bridge plugin: its workload never becomes healthy, so PID 1 marks its boot bad
        // after health-timeout-seconds and reboots, and systemd-boot boots v1 again; the status says why.
        await Ctl.MustSucceedAsync(api, "update", "apply", "--reboot");
        await host.WaitForConsoleAsync($"hull: init: {v3} is not healthy within 90 s", Patience);
        await host.EventuallyAsync(
            async () => (await host.GetAsync("/os", ApiJsonContext.Default.OsInfo)) is { VersionId: var v, ActiveSlot: "A" } && v == v1 && Assessment(await StatusAsync(api)) is ("bad", var failed) && failed == v3,
            Patience, $"{v1} back on slot A with {v3}'s failed assessment", "/updates/status");
        var status = await StatusAsync(api);
        status["last_boot_assessment"]!["failures"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldContain(f => f.StartsWith("workload web", StringComparison.Ordinal));
        await WaitForHealthyWebAsync(host);

        // Going to v3 skipped v2, yet v2's migration ran forward with v3's, and both ran backward when v1 came back.
        host.ConsoleText().ShouldContain($"hull: settings: migrated from version {v1} to {v3} (2 step(s))");
        host.ConsoleText().ShouldContain($"hull: settings: migrated from version {v3} to {v1} (2 step(s))");
        var settings = await api.GetStringAsync("/settings?keys=settings.motd,settings.kernel.sysctl", Ct);
        settings.ShouldNotContain("set by the v3 migration");
        settings.ShouldNotContain(Somaxconn);
    }

    [Fact]
    public async Task Update_V2WhoseBootHangsOnTrial_WatchdogRebootsItUntilItsTriesRunOutAndV1ComesBack()
    {
        var build = E2EBuild.Require();
        var (repo, v2, _) = UpdateRepo();
        using var server = new StaticHttpServer(repo);

        // A bootstrap container that, booted from slot B only, freezes PID 1 (cgroup v2's freezer): the trial boot hangs
        // with nothing left to keep the watchdog alive or to reach a verdict. On slot A it does nothing.
        const string FreezePid1OnSlotB = "grep -q hull.slot=b /proc/cmdline || exit 0; cg=/.hull/rootfs/sys/fs/cgroup/hang; "
            + "mkdir -p $cg && echo 1 > $cg/cgroup.procs && echo 1 > $cg/cgroup.freeze";
        var userData = $$"""

            [settings.bootstrap-containers.hang]
            source = "localhost/hull/admin:latest"
            mode = "always"
            user-data = "{{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(FreezePid1OnSlotB))}}"

            """ + UpdateSettings(versionLock: v2, healthTimeoutSeconds: null);
        await using var host = await BootedHost.StartAsync(build, "update-hang", direct: false, userData: userData,
            guestServices: [(RepoGuestPort, server.Port)], coldReboots: true);
        var v1 = (await host.WaitForApiAsync()).VersionId;
        using var api = host.Client();
        await Ctl.MustSucceedAsync(api, "update", "apply", "--reboot");

        // Each try of v2 hangs until softdog resets the machine; after the third, systemd-boot goes back to v1, which
        // records the trial that never reached a verdict as bad.
        await host.EventuallyAsync(
            async () => (await host.GetAsync("/os", ApiJsonContext.Default.OsInfo)) is { VersionId: var v, ActiveSlot: "A" } && v == v1
                && Assessment(await StatusAsync(api)) is ("bad", var failed) && failed == v2,
            TimeSpan.FromMinutes(15), $"{v1} back on slot A with {v2}'s trial recorded as bad", "/updates/status");
        Regex.Count(host.ConsoleText(), "softdog: Initiating system reboot").ShouldBe(3);
        host.ConsoleText().ShouldContain($"hull: init: {v2} (hull-{v2}-b+");
    }

    [Fact]
    public async Task Update_PowerCutsWhileTheSlotIsWrittenAndAfterActivation_EachBootRunsAWorkingVersion()
    {
        var build = E2EBuild.Require();
        var (repo, v2, _) = UpdateRepo();
        using var server = new StaticHttpServer(repo);
        var userData = UpdateSettings(versionLock: v2, healthTimeoutSeconds: null);
        await using var host = await BootedHost.StartAsync(
            build, "update-power-cut", direct: false, userData: userData, guestServices: [(RepoGuestPort, server.Port)], powerCuts: true);
        var v1 = (await host.WaitForApiAsync()).VersionId;

        // Cut while the root is written, then while the UKI is written to the ESP (each payload served slowly, so the
        // cut lands in its step): each time v1 boots from slot A, the ESP (mounted when the power went) is repaired
        // before it is mounted again, and the updater reports the prepare as interrupted.
        foreach (var (step, payload) in ((string, string)[])[("WriteRoot", "root.img.zst"), ("StageUki", "uki-b.efi.zst")])
        {
            server.ChunkDelay = path => path.EndsWith(payload, StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(50) : null;
            using (var api = host.Client())
            {
                using var prepare = await api.PostAsync("/actions/prepare-update", null, Ct);
                ((int)prepare.StatusCode).ShouldBeOneOf(200, 202);
                await host.EventuallyAsync(async () => (await api.GetStringAsync("/services/updater/log?lines=20", Ct)).Contains($": {step} at", StringComparison.Ordinal),
                    Patience, $"the updater at {step}");
            }

            await host.PowerCycleAsync();
            var os = await host.WaitForApiAsync();
            (os.VersionId, os.ActiveSlot).ShouldBe((v1, "A"), $"after a cut at {step}");
            host.ConsoleText().ShouldContain("was not unmounted cleanly; fsck.fat checked and repaired it", Case.Sensitive, $"after a cut at {step}");
            using var after = host.Client();
            (await StatusAsync(after))["interrupted"]?.GetValue<string>().ShouldNotBeNull($"after a cut at {step}");
        }

        // Cut after activating, before the reboot: the next boot is v2's trial, and it is kept.
        server.ChunkDelay = _ => null;
        using (var api = host.Client())
        {
            await Ctl.MustSucceedAsync(api, "update", "apply");
        }

        await host.PowerCycleAsync();
        await host.EventuallyAsync(async () => (await host.GetAsync("/os", ApiJsonContext.Default.OsInfo)) is { VersionId: var v, ActiveSlot: "B" } && v == v2, Patience, $"{v2} from slot B",
            "/updates/status");
        using var final = host.Client();
        await host.EventuallyAsync(async () => Assessment(await StatusAsync(final)) is ("good", var v) && v == v2, Patience, $"{v2}'s boot assessed good", "/updates/status");
    }

    // The test registry as the guest's mirror for itself (plain HTTP).
    private static readonly string RegistryMirror = $$"""

        [settings.container-registry]
        mirrors = [{ registry = "{{Registry}}", endpoint = ["http://{{Registry}}"] }]

        """;

    // settings.updates pointing at the repository the test serves, locked to a version ("latest" when none) and with
    // Hull's health timeout when given.
    private static string UpdateSettings(string? versionLock, int? healthTimeoutSeconds)
    {
        var repoUrl = $"http://{QemuMachine.GuestServiceAddress}:{RepoGuestPort}/repo";
        return $"""

            [settings.updates]
            metadata-base-url = "{repoUrl}/metadata/"
            targets-base-url = "{repoUrl}/targets/"
            {(versionLock is null ? "" : $"version-lock = \"{versionLock}\"")}
            {(healthTimeoutSeconds is null ? "" : $"health-timeout-seconds = {healthTimeoutSeconds}")}

            """;
    }

    // A registry on the build machine holding web:1, a busybox httpd image built in scratch folder name.
    private static async Task<TestRegistry> RegistryWithWebAsync(string name)
    {
        var registry = await TestRegistry.StartAsync(cancellationToken: Ct);
        await registry.PushAsync(TestImages.BusyboxHttpd("hello\n").WriteLayout(E2EBuild.ScratchDirectory(name), "web:1"), "web:1", Ct);
        return registry;
    }

    private static (string Repo, string V2, string V3) UpdateRepo()
    {
        var repo = Environment.GetEnvironmentVariable("HULL_E2E_UPDATE_REPO");
        var versions = Environment.GetEnvironmentVariable("HULL_E2E_UPDATE_VERSIONS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (repo is null || !Directory.Exists(repo) || versions is not [var v2, var v3])
        {
            Assert.Skip("no update repository: set HULL_E2E_UPDATE_REPO and HULL_E2E_UPDATE_VERSIONS (./hull test does)");
        }

        return (repo!, versions![0], versions[1]);
    }

    private static byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[copy.Length / 2] ^= 0xff;
        return copy;
    }

    private static async Task<string> LiveSysctlAsync(BootedHost host, string name) =>
        (await host.GetAsync($"/host/sysctl?names={name}", ApiJsonContext.Default.JsonObject))[name]!.GetValue<string>();

    private static async Task<JsonNode> StatusAsync(HttpClient api) => JsonNode.Parse(await api.GetStringAsync("/updates/status", Ct))!;

    private static (string?, string?) Assessment(JsonNode status) =>
        (status["last_boot_assessment"]?["result"]?.GetValue<string>(), status["last_boot_assessment"]?["version"]?.GetValue<string>());

    private static Task WaitForHealthyWebAsync(BootedHost host) => host.EventuallyAsync(
        async () => (await host.GetAsync("/workloads", ApiJsonContext.Default.ListWorkloadStatus)).FirstOrDefault(w => w.Name == "web") is { Running: 1 } web
            && web.Replicas.All(r => r.Health == "healthy"),
        Patience, "web healthy");
}
