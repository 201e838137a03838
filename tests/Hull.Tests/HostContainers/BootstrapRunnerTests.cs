using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.HostContainers;
using Microsoft.Extensions.Time.Testing;

namespace Hull.Tests.HostContainers;

public sealed class BootstrapRunnerTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempDirectory _dir = new();
    private readonly FakeHostContainerRuntime _runtime = new();
    private readonly List<string> _turnedOff = [];
    private readonly StringWriter _console = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_InNameOrder_OffSkippedOnceTurnedOffAfterSuccess()
    {
        var ok = await Runner().RunAsync(Settings(("b-second", "always", false, 0), ("a-first", "once", false, 0), ("c-off", "off", false, 0)), Ct);

        ok.ShouldBeTrue();
        _runtime.Started.ShouldBe(["bootstrap/a-first privileged", "bootstrap/b-second privileged"]);
        _runtime.Pods.ShouldBeEmpty();   // each removed once it has run
        _turnedOff.ShouldBe(["a-first"]);
        Published().Select(s => (s.Name, s.State, s.ExitCode)).ShouldBe([("a-first", "succeeded", 0), ("b-second", "succeeded", 0), ("c-off", "skipped", null)]);
    }

    [Fact]
    public async Task RunAsync_EssentialFails_StopsThereAndSaysWhy()
    {
        var ok = await Runner().RunAsync(Settings(("a", "always", true, 3), ("b", "always", false, 0)), Ct);

        ok.ShouldBeFalse();
        _runtime.Started.ShouldBe(["bootstrap/a privileged"]);
        var status = Published();
        status[0].ShouldBe(new BootstrapContainerStatus("a", "always", true, "failed", 3, "exited with code 3"));
        status[1].State.ShouldBe("pending");
        _console.ToString().ShouldContain("essential bootstrap container a failed");
    }

    [Fact]
    public async Task RunAsync_NonEssentialFails_TheRestRun()
    {
        var ok = await Runner().RunAsync(Settings(("a", "once", false, 1), ("b", "always", false, 0)), Ct);

        ok.ShouldBeTrue();
        _runtime.Started.Count.ShouldBe(2);
        _turnedOff.ShouldBeEmpty();   // a failed "once" runs again next boot
        Published()[0].State.ShouldBe("failed");
    }

    [Fact]
    public async Task RunAsync_ImageMissing_FailedWithTheReason()
    {
        _runtime.MissingImages.Add("localhost/hull/admin:latest");

        var ok = await Runner().RunAsync(Settings(("a", "always", true, 0)), Ct);

        ok.ShouldBeFalse();
        Published()[0].Message!.ShouldContain("cannot run localhost/hull/admin:latest: localhost/hull/admin:latest: not found");
    }

    [Fact]
    public async Task RunAsync_LeftoverPodFromAnEarlierBoot_RemovedFirst()
    {
        await _runtime.StartAsync("bootstrap", "old", "img", true, null, "h", Ct);
        await _runtime.StartAsync("host", "admin", "img", true, null, "h", Ct);

        await Runner().RunAsync(Settings(), Ct);

        _runtime.Removed.ShouldBe(["bootstrap/old"]);
        _runtime.Pods.Single().Name.ShouldBe("admin");
    }

    private BootstrapRunner Runner()
    {
        foreach (var name in new[] { "a", "b", "a-first", "b-second" })
        {
            _runtime.ExitCodes.TryAdd(name, 0);
        }

        return new BootstrapRunner(_runtime, (name, _) => { _turnedOff.Add(name); return Task.CompletedTask; }, _dir.File("bootstrap.json"), new FakeTimeProvider(), TextWriter.Null, _console);
    }

    private List<BootstrapContainerStatus> Published() =>
        JsonSerializer.Deserialize(File.ReadAllText(_dir.File("bootstrap.json")), ApiJsonContext.Default.ListBootstrapContainerStatus)!;

    private JsonObject Settings(params (string Name, string Mode, bool Essential, int ExitCode)[] containers)
    {
        var entries = new JsonObject();
        foreach (var (name, mode, essential, exitCode) in containers)
        {
            _runtime.ExitCodes[name] = exitCode;
            entries[name] = new JsonObject { ["source"] = "localhost/hull/admin:latest", ["mode"] = mode, ["essential"] = essential };
        }

        return new JsonObject { ["bootstrap-containers"] = entries };
    }
}
