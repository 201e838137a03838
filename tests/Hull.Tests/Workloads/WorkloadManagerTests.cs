using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Workloads;

namespace Hull.Tests.Workloads;

public sealed class WorkloadManagerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeWorkloadRuntime _runtime = new();
    private readonly ManualTime _time = new();
    private JsonObject _settings = [];

    private WorkloadManager Manager() => new(_runtime, _ => Task.FromResult(_settings), _dir.File("workloads.json"), _time, TextWriter.Null, TimeSpan.FromMilliseconds(50));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void Declare(string json) => _settings = JsonNode.Parse(json)!.AsObject();

    [Fact]
    public async Task Pass_DeclaredWorkload_StartsItsReplicasAndPublishesThem()
    {
        Declare("""{"workloads":{"web":{"image":"registry.test/web:1","replicas":2,"ports":[{"container-port":8080,"host-port":80}]}}}""");

        var status = await Manager().PassAsync(Ct);

        _runtime.Pulls.ShouldBe(["registry.test/web:1"]);
        status.Single().ShouldSatisfyAllConditions(
            w => w.Name.ShouldBe("web"),
            w => w.Declared.ShouldBe(2),
            w => w.Running.ShouldBe(2),
            w => w.Message.ShouldBeNull(),
            w => w.Replicas.Select(r => r.State).ShouldBe(["running", "running"]));
        JsonSerializer.Deserialize(File.ReadAllText(_dir.File("workloads.json")), ApiJsonContext.Default.ListWorkloadStatus)!.Single().Running.ShouldBe(2);
    }

    [Fact]
    public async Task Pass_ImageMissing_ReportsItAndStillRunsTheOthers()
    {
        Declare("""{"workloads":{"broken":{"image":"registry.test/nothing:1"},"web":{"image":"registry.test/web:1"}}}""");
        _runtime.MissingImages.Add("registry.test/nothing:1");

        var status = await Manager().PassAsync(Ct);

        var broken = status.Single(w => w.Name == "broken");
        broken.Running.ShouldBe(0);
        broken.Message.ShouldBe("cannot pull registry.test/nothing:1: CRI PullImage image registry.test/nothing:1: not found");
        status.Single(w => w.Name == "web").Running.ShouldBe(1);
    }

    [Fact]
    public async Task Pass_PullThatHangs_HoldsUpOnlyItsOwnWorkload()
    {
        Declare("""{"workloads":{"stuck":{"image":"registry.test/slow:1"},"web":{"image":"registry.test/web:1"}}}""");
        _runtime.HangingImages.Add("registry.test/slow:1");
        var manager = Manager();

        var first = await manager.PassAsync(Ct);
        var second = await manager.PassAsync(Ct);

        first.Single(w => w.Name == "web").Running.ShouldBe(1);
        second.Single(w => w.Name == "stuck").Message.ShouldBe("pulling registry.test/slow:1");
        _runtime.PullRequests.Count(p => p.Image == "registry.test/slow:1").ShouldBe(1); // still the one pull, not a new one per pass
    }

    [Fact]
    public async Task Pass_PullFailed_RetriesOnlyAfterItsBackOff()
    {
        Declare("""{"workloads":{"broken":{"image":"registry.test/nothing:1"}}}""");
        _runtime.MissingImages.Add("registry.test/nothing:1");
        var manager = Manager();

        await manager.PassAsync(Ct);
        await manager.PassAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(1));
        await manager.PassAsync(Ct);

        _runtime.PullRequests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Pass_ContainerExited_IsRestartedWithGrowingBackOff()
    {
        Declare("""{"workloads":{"web":{"image":"registry.test/web:1"}}}""");
        var manager = Manager();
        await manager.PassAsync(Ct);

        _runtime.Exit("web", 0, 1);
        await manager.PassAsync(Ct);   // restarted at once: its first failure
        _runtime.Exit("web", 0, 1);
        await manager.PassAsync(Ct);   // within its 1 s back-off: stays down
        var down = _runtime.Replicas.Single();
        _time.Advance(TimeSpan.FromSeconds(1));
        var status = await manager.PassAsync(Ct);

        down.Phase.ShouldBe(ContainerPhase.Exited);
        status.Single().Replicas.Single().ShouldSatisfyAllConditions(r => r.State.ShouldBe("running"), r => r.Restarts.ShouldBe(2));
    }

    [Fact]
    public async Task Pass_WorkloadRemovedFromSettings_RemovesItsReplicas()
    {
        Declare("""{"workloads":{"web":{"image":"registry.test/web:1","replicas":3}}}""");
        var manager = Manager();
        await manager.PassAsync(Ct);

        Declare("""{"workloads":{}}""");
        var status = await manager.PassAsync(Ct);

        _runtime.Replicas.ShouldBeEmpty();
        status.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pass_LastWorkloadRemovedThroughTheApi_NoWorkloadsTableAtAll_RemovesItsReplicas()
    {
        // What GET /settings answers once DELETE /settings took the last workload: no "workloads" key, not an empty one.
        Declare("""{"workloads":{"web":{"image":"registry.test/web:1","replicas":2}},"motd":"hi"}""");
        var manager = Manager();
        await manager.PassAsync(Ct);
        _runtime.Replicas.Count.ShouldBe(2);

        Declare("""{"motd":"hi"}""");
        var status = await manager.PassAsync(Ct);

        _runtime.Replicas.ShouldBeEmpty();
        status.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pass_OneOfTwoWorkloadsRemoved_OnlyItsReplicasGo()
    {
        Declare("""{"workloads":{"web":{"image":"registry.test/web:1"},"db":{"image":"registry.test/db:1","replicas":2}}}""");
        var manager = Manager();
        await manager.PassAsync(Ct);

        Declare("""{"workloads":{"db":{"image":"registry.test/db:1","replicas":2}}}""");
        var status = await manager.PassAsync(Ct);

        _runtime.Replicas.Select(r => r.Workload).ShouldBe(["db", "db"]);
        status.Single().Name.ShouldBe("db");
    }

    [Fact]
    public async Task Pass_CredentialsForTheImagesRegistry_AreUsedForThePull()
    {
        Declare("""
            {"workloads":{"web":{"image":"registry.test:5000/team/web:1"},"hub":{"image":"library/nginx"}},
             "container-registry":{"credentials":[{"registry":"registry.test:5000","username":"u","password":"p"},{"registry":"docker.io","auth":"dTpw"}]}}
            """);

        await Manager().PassAsync(Ct);

        _runtime.PullRequests.ShouldContain(("registry.test:5000/team/web:1", new RegistryCredential("u", "p", null, null)));
        _runtime.PullRequests.ShouldContain(("library/nginx", new RegistryCredential(null, null, "dTpw", null)));
    }

    [Fact]
    public async Task Pass_HealthCheckFailingRetriesTimes_RestartsTheReplicaAndSaysWhy()
    {
        Declare("""{"workloads":{"web":{"image":"registry.test/web:1","health-check":{"type":"exec","command":["check"],"interval-seconds":5,"retries":2}}}}""");
        using var manager = Manager();
        var healthy = (await manager.PassAsync(Ct)).Single().Replicas.Single();

        _runtime.ExecExitCode = 1;
        _time.Advance(TimeSpan.FromSeconds(5));
        var failingOnce = (await manager.PassAsync(Ct)).Single().Replicas.Single();
        _time.Advance(TimeSpan.FromSeconds(5));
        await manager.PassAsync(Ct);

        healthy.Health.ShouldBe("healthy");
        failingOnce.Health.ShouldBe("healthy"); // one failure is below the retries
        failingOnce.HealthMessage.ShouldBe("check exited with 1");
        _runtime.Replicas.Single().Restarts.ShouldBe(1);
    }

    [Fact]
    public async Task Pass_ReplacementWaitsForTheNewReplicaToBeHealthy()
    {
        Declare("""{"workloads":{"web":{"image":"registry.test/web:1","replicas":2,"health-check":{"type":"exec","command":["check"],"interval-seconds":5}}}}""");
        using var manager = Manager();
        await manager.PassAsync(Ct);
        _runtime.ExecExitCode = 1;
        Declare("""{"workloads":{"web":{"image":"registry.test/web:2","replicas":2,"health-check":{"type":"exec","command":["check"],"interval-seconds":5}}}}""");

        await manager.PassAsync(Ct);   // replaces replica 0; the new one fails its first probe
        await manager.PassAsync(Ct);   // replica 1 waits: replica 0 is not healthy

        _runtime.Replicas.Select(r => r.SpecHash).Distinct().Count().ShouldBe(2); // one new, one old: not both replaced
    }

    public void Dispose() => _dir.Dispose();

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
