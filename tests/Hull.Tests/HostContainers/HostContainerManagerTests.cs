using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.HostContainers;
using Microsoft.Extensions.Time.Testing;

namespace Hull.Tests.HostContainers;

public sealed class HostContainerManagerTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempDirectory _dir = new();
    private readonly FakeHostContainerRuntime _runtime = new();
    private readonly FakeTimeProvider _time = new();
    private readonly HostContainerManager _manager;

    public HostContainerManagerTests() => _manager = new HostContainerManager(_runtime, _dir.File("host-containers.json"), _time, TextWriter.Null);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PassAsync_Defaults_ControlRunsAdminStaysOff()
    {
        var status = await _manager.PassAsync(Settings(admin: false, control: true), Ct);

        _runtime.Started.ShouldBe(["host/control"]);
        status.Select(s => (s.Name, s.State)).ShouldBe([("admin", "stopped"), ("control", "running")]);
        JsonSerializer.Deserialize(File.ReadAllText(_dir.File("host-containers.json")), ApiJsonContext.Default.ListHostContainerStatus)!.ShouldBe(status);
    }

    [Fact]
    public async Task PassAsync_AdminEnabledThenDisabled_StartedPrivilegedThenRemoved()
    {
        await _manager.PassAsync(Settings(admin: true, control: false), Ct);
        _runtime.Started.ShouldBe(["host/admin privileged"]);

        await _manager.PassAsync(Settings(admin: false, control: false), Ct);

        _runtime.Removed.ShouldBe(["host/admin"]);
        _runtime.Pods.ShouldBeEmpty();
    }

    [Fact]
    public async Task PassAsync_UnchangedAndRunning_LeftAlone()
    {
        await _manager.PassAsync(Settings(admin: true, control: true), Ct);
        await _manager.PassAsync(Settings(admin: true, control: true), Ct);

        _runtime.Started.Count.ShouldBe(2);
        _runtime.Removed.ShouldBeEmpty();
    }

    [Fact]
    public async Task PassAsync_UserDataChanged_ReplacedWithTheNewData()
    {
        await _manager.PassAsync(Settings(admin: true, control: false), Ct);

        await _manager.PassAsync(Settings(admin: true, control: false, adminUserData: "echo hello"), Ct);

        _runtime.Removed.ShouldBe(["host/admin"]);
        _runtime.Started.Count.ShouldBe(2);
        Encoding.UTF8.GetString(_runtime.UserData["host/admin"]!).ShouldBe("echo hello");
    }

    [Fact]
    public async Task PassAsync_ApiSocketMadeAgain_ContainersReplacedToReachIt()
    {
        await _manager.PassAsync(Settings(admin: false, control: true), Ct);
        _runtime.ApiSocket = "socket-2";

        await _manager.PassAsync(Settings(admin: false, control: true), Ct);

        _runtime.Removed.ShouldBe(["host/control"]);
        _runtime.Pods.Single().ApiSocket.ShouldBe("socket-2");
    }

    [Fact]
    public async Task PassAsync_ContainerExited_RestartedAfterBackoff()
    {
        await _manager.PassAsync(Settings(admin: false, control: true), Ct);
        _runtime.Exit("control", 1);

        var status = await _manager.PassAsync(Settings(admin: false, control: true), Ct);
        status.Single(s => s.Name == "control").State.ShouldBe("failed");
        status.Single(s => s.Name == "control").Message!.ShouldContain("exited with code 1");
        _runtime.Started.Count.ShouldBe(1);   // the back-off's first second has not passed

        _time.Advance(TimeSpan.FromSeconds(1));
        status = await _manager.PassAsync(Settings(admin: false, control: true), Ct);

        _runtime.Started.Count.ShouldBe(2);
        status.Single(s => s.Name == "control").State.ShouldBe("running");
    }

    [Fact]
    public async Task PassAsync_ImageMissing_FailedWithTheReasonOthersRun()
    {
        _runtime.MissingImages.Add("localhost/hull/admin:latest");

        var status = await _manager.PassAsync(Settings(admin: true, control: true), Ct);

        var admin = status.Single(s => s.Name == "admin");
        admin.State.ShouldBe("failed");
        admin.Message!.ShouldContain("localhost/hull/admin:latest: not found");
        status.Single(s => s.Name == "control").State.ShouldBe("running");
    }

    private static JsonObject Settings(bool admin, bool control, string? adminUserData = null)
    {
        var adminEntry = new JsonObject { ["enabled"] = admin, ["superpowered"] = true, ["source"] = "localhost/hull/admin:latest" };
        if (adminUserData is not null)
        {
            adminEntry["user-data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(adminUserData));
        }

        return new JsonObject
        {
            ["host-containers"] = new JsonObject
            {
                ["admin"] = adminEntry,
                ["control"] = new JsonObject { ["enabled"] = control, ["superpowered"] = false, ["source"] = "localhost/hull/control:latest" },
            },
        };
    }
}
