using System.Text.Json;
using Hull.Api;
using Hull.Init;
using Hull.Tests.TestSupport;

namespace Hull.Tests.Init;

/// <summary>The supervisor with real child processes (/bin/sh and /bin/sleep on the build machine).</summary>
public sealed class SupervisorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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

    [Fact]
    public async Task RestartAsync_RunningService_StoppedThenStartedAsANewProcess()
    {
        using var dir = new TempDirectory();
        var status = dir.File("services.json");
        var supervisor = new Supervisor([new ServiceDefinition("sleeper", "/bin/sleep", ["60"], () => true, [])], status, dir.File("logs"), TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = supervisor.RunAsync(stop.Token);
        await Eventually(() => supervisor.IsReady("sleeper"), TimeSpan.FromSeconds(15));
        var first = Read(status).Single().Pid!.Value;

        var reply = await supervisor.RestartAsync(["sleeper"], Ct);

        reply.Error.ShouldBeNull();
        reply.Restarted.ShouldBe(["sleeper"]);
        IsAlive(first).ShouldBeFalse("the answer comes once the old process has stopped");
        await Eventually(() => Read(status).Single() is { State: "ready", Pid: { } pid } && pid != first, TimeSpan.FromSeconds(15));
        var sleeper = Read(status).Single();
        sleeper.Restarts.ShouldBe(1);
        sleeper.LastExit.ShouldBe("restarted on request; stopped (status 143)");

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task RestartAsync_DependentNamedFirst_DependencyRestartsFirstAndTheDependentStartsOnceItIsReady()
    {
        using var dir = new TempDirectory();
        var ready = dir.File("first.ready");
        var order = dir.File("order");

        // "first" is ready a moment after it starts, and no longer once asked to stop: a dependent started without
        // waiting for it would write its line first.
        var supervisor = new Supervisor(
        [
            new ServiceDefinition("first", "/bin/sh", ["-c", $"trap 'rm -f {ready}; kill $c; exit 0' TERM; sleep 0.5; echo first >> {order}; touch {ready}; sleep 60 & c=$!; wait"], () => File.Exists(ready), []),
            new ServiceDefinition("second", "/bin/sh", ["-c", $"echo second >> {order}; exec sleep 60"], () => true, ["first"]),
        ], dir.File("services.json"), dir.File("logs"), TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = supervisor.RunAsync(stop.Token);
        await Eventually(() => supervisor.IsReady("second"), TimeSpan.FromSeconds(15));
        var before = Read(dir.File("services.json")).ToDictionary(s => s.Name, s => s.Pid);

        var reply = await supervisor.RestartAsync(["second", "first", "second"], Ct);

        reply.Restarted.ShouldBe(["first", "second"], reply.Error);
        await Eventually(() => Read(dir.File("services.json")).All(s => s.State == "ready" && s.Pid != before[s.Name]), TimeSpan.FromSeconds(15));
        File.ReadAllLines(order).ShouldBe(["first", "second", "first", "second"]);
        Read(dir.File("services.json")).ShouldAllBe(s => s.Restarts == 1);

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task RestartAsync_UnknownService_RefusedNamingItAndTheServices()
    {
        using var dir = new TempDirectory();
        var supervisor = new Supervisor([new ServiceDefinition("sleeper", "/bin/sleep", ["60"], () => true, [])], dir.File("services.json"), dir.File("logs"), TextWriter.Null);

        var reply = await supervisor.RestartAsync(["sleeper", "nope"], Ct);

        reply.Restarted.ShouldBeNull();
        reply.Error.ShouldBe("no such service: nope (the services are sleeper)");
    }

    [Fact]
    public async Task RunAsync_EnvironmentFile_ReadAgainAtEveryStart()
    {
        using var dir = new TempDirectory();
        var status = dir.File("services.json");
        var environment = dir.File("proxy.env");
        var seen = dir.File("seen");
        File.WriteAllText(environment, "# a comment\nHTTPS_PROXY=http://one.example:3128\nPATH=/nowhere\nnot a variable\n");
        var supervisor = new Supervisor(
            [new ServiceDefinition("proxied", "/bin/sh", ["-c", $"echo \"$HTTPS_PROXY $PATH\" >> {seen}; exec sleep 60"], () => true, [], environment)],
            status, dir.File("logs"), TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = supervisor.RunAsync(stop.Token);
        await Eventually(() => supervisor.IsReady("proxied"), TimeSpan.FromSeconds(15));
        var first = Read(status).Single().Pid!.Value;
        Environ(first).ShouldContain("HTTPS_PROXY=http://one.example:3128");

        File.WriteAllText(environment, "HTTPS_PROXY=http://two.example:3128\n");
        (await supervisor.RestartAsync(["proxied"], Ct)).Error.ShouldBeNull();
        await Eventually(() => Read(status).Single() is { State: "ready", Pid: { } pid } && pid != first, TimeSpan.FromSeconds(15));

        Environ(Read(status).Single().Pid!.Value).ShouldContain("HTTPS_PROXY=http://two.example:3128");
        await Eventually(() => File.Exists(seen) && File.ReadAllLines(seen).Length == 2, TimeSpan.FromSeconds(15));
        File.ReadAllLines(seen).ShouldBe(["http://one.example:3128 /usr/sbin:/usr/bin", "http://two.example:3128 /usr/sbin:/usr/bin"]);
        var log = File.ReadAllText(Path.Combine(dir.Path, "logs", "proxied.log"));
        log.ShouldContain($"hull: init: starting proxied with HTTPS_PROXY, PATH from {environment}");
        log.ShouldContain($"{environment} line 4: not NAME=VALUE");
        log.ShouldNotContain("one.example", customMessage: "values stay out of the log: a proxy URL may hold a password");

        await stop.CancelAsync();
        await running;
    }

    private static List<ServiceStatus> Read(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllText(file), ApiJsonContext.Default.ListServiceStatus)! : [];

    private static string[] Environ(int pid) => File.ReadAllText($"/proc/{pid}/environ").Split('\0');

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
