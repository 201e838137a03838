using System.Text.Json;
using Hull.Api;
using Hull.Init;
using Hull.Tests.TestSupport;

namespace Hull.Tests.Init;

/// <summary>The supervisor with real child processes (/bin/sh on the build machine).</summary>
public sealed class SupervisorTests
{
    [Fact]
    public async Task RunAsync_ServiceThatExits_IsRestartedAndReported()
    {
        using var dir = new TempDirectory();
        var status = dir.File("services.json");
        var supervisor = new Supervisor([new ServiceDefinition("crasher", "/bin/sh", ["-c", "echo started >&2; exit 3"], () => false, [])], status, dir.File("logs"), TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = supervisor.RunAsync(stop.Token);

        await Eventually(() => Read(status).Single().Restarts >= 2, TimeSpan.FromSeconds(15));
        var crasher = Read(status).Single();
        crasher.LastExit.ShouldBe("exited with status 3");
        crasher.State.ShouldBeOneOf("backoff", "starting");
        File.ReadAllText(Path.Combine(dir.Path, "logs", "crasher.log")).ShouldContain("started");

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task RunAsync_Dependency_StartsOnlyAfterItIsReady()
    {
        using var dir = new TempDirectory();
        var readyFile = dir.File("first.ready");
        var order = dir.File("order");
        var supervisor = new Supervisor(
        [
            new ServiceDefinition("second", "/bin/sh", ["-c", $"echo second >> {order}; exec sleep 60"], () => true, ["first"]),
            new ServiceDefinition("first", "/bin/sh", ["-c", $"sleep 0.5; echo first >> {order}; touch {readyFile}; exec sleep 60"], () => File.Exists(readyFile), []),
        ], dir.File("services.json"), dir.File("logs"), TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = supervisor.RunAsync(stop.Token);

        await Eventually(() => supervisor.IsReady("second"), TimeSpan.FromSeconds(15));
        File.ReadAllLines(order).ShouldBe(["first", "second"]);
        var pids = Read(dir.File("services.json")).Select(s => s.Pid!.Value).ToList();

        // Stopping: every service gets SIGTERM and the supervisor returns once they are gone.
        await stop.CancelAsync();
        await running;
        pids.ShouldAllBe(pid => !IsAlive(pid));
        Read(dir.File("services.json")).ShouldAllBe(s => s.State == "stopped");
    }

    private static List<ServiceStatus> Read(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllText(file), ApiJsonContext.Default.ListServiceStatus)! : [];

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "condition not met in time");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
