using Hull.Api;

namespace Hull.EndToEnd;

/// <summary>STATE and DATA are formatted once and kept across reboots.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task Reboot_ThroughApi_KeepsStateAndDoesNotFormatAgain()
    {
        var build = E2EBuild.Require();
        await using var host = await BootedHost.StartAsync(build, "reboot", direct: true, coldReboots: true);
        var first = await host.WaitForApiAsync();
        host.ConsoleText().ShouldContain("STATE (/dev/vda4) has no file system: formatting it (first boot)");

        // The image's DATA is 64 MiB; the instance's disk is 4 GiB: DATA grew before it was formatted.
        host.ConsoleText().ShouldContain("hull: init: grew /dev/vda5 to");

        using (var client = host.Client())
        {
            using var response = await client.PostAsync("/actions/reboot", null, TestContext.Current.CancellationToken);
            ((int)response.StatusCode).ShouldBe(202);
        }

        await host.WaitForConsoleAsync("hull: init: rebooting", TimeSpan.FromMinutes(1));
        var consoleBefore = host.ConsoleText().Length;

        // The second boot: same machine id (read back from STATE), and nothing formatted.
        await host.EventuallyAsync(
            async () => host.ConsoleText().Length > consoleBefore
                && (await host.GetAsync("/boot-timeline", ApiJsonContext.Default.ListTimelineEvent)).All(e => !e.Event.StartsWith("init.formatted", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(4), "the API to answer after the reboot");
        var second = await host.GetAsync("/os", ApiJsonContext.Default.OsInfo);
        second.MachineId.ShouldBe(first.MachineId);
        host.ConsoleText()[consoleBefore..].ShouldNotContain("formatting it");
        host.ConsoleText()[consoleBefore..].ShouldNotContain("grew /dev/vda5");
    }

    [Fact]
    public async Task PowerButton_Pressed_ShutsDownCleanly()
    {
        var build = E2EBuild.Require();
        await using var host = await BootedHost.StartAsync(build, "power-button", direct: true);
        await host.WaitForApiAsync();

        // With the control host container running, its shim and overlay outlive containerd unless init sweeps them up;
        // they kept DATA busy once.
        await host.EventuallyAsync(
            async () => (await host.GetAsync("/host-containers", ApiJsonContext.Default.ListHostContainerStatus)).Any(h => h.Name == "control" && h.State == "running"),
            TimeSpan.FromMinutes(3), "the control host container to run");

        (await Hull.Builder.Qemu.QmpClient.StatusAsync(Path.Combine(host.Instance.Directory, "qmp.sock"), TestContext.Current.CancellationToken))
            .ShouldNotBeNull().ShouldContain("\"status\": \"running\"");

        // QMP system_powerdown presses the ACPI button; the host stops its services, unmounts and powers off by itself.
        await Hull.Builder.Run.InstanceLauncher.StopAsync(host.Instance, graceful: true, grace: TimeSpan.FromMinutes(2));
        host.ConsoleText().ShouldContain("hull: init: powering off");
        host.ConsoleText().ShouldContain("reboot: Power down");
        host.ConsoleText().ShouldNotContain("remounting read-only");
    }
}
