using Hull.Api;
using Hull.Init;

namespace Hull.Tests.Init;

public sealed class HostHealthTests
{
    private static readonly Func<string, bool> AllReady = _ => true;

    [Fact]
    public void Problem_EverythingUpAndNoWorkloads_IsNull()
    {
        HostHealth.Problem(AllReady, []).ShouldBeNull();
    }

    [Theory]
    [InlineData("apiserver")]
    [InlineData("containerd")]
    public void Problem_ServiceNotReady_NamesIt(string service)
    {
        HostHealth.Problem(s => s != service, []).ShouldBe($"service {service} is not ready");
    }

    [Fact]
    public void Problem_WorkloadsServiceNotReady_PointsAtBootstrapContainers()
    {
        HostHealth.Problem(s => s != "workloads", []).ShouldNotBeNull().ShouldContain("GET /bootstrap-containers");
    }

    [Fact]
    public void Problem_NoWorkloadsStatusYet_SaysSo()
    {
        HostHealth.Problem(AllReady, null).ShouldBe("the workloads status is not there yet");
    }

    [Fact]
    public void Problem_AllReplicasRunningAndHealthy_IsNull()
    {
        var web = Workload("web", 2, Replica(0, "running", "healthy"), Replica(1, "running", "healthy"));
        var batch = Workload("batch", 1, Replica(0, "running", null));
        HostHealth.Problem(AllReady, [web, batch]).ShouldBeNull();
    }

    [Fact]
    public void Problem_ReplicaUnhealthy_NamesWorkloadReplicaAndCheck()
    {
        var web = Workload("web", 2, Replica(0, "running", "healthy"), Replica(1, "running", "unhealthy", "HTTP 500 from /"));
        HostHealth.Problem(AllReady, [web]).ShouldBe("workload web: 1 of 2 replicas healthy (replica 1: running, unhealthy: HTTP 500 from /)");
    }

    [Fact]
    public void Problem_ReplicaStillStarting_CountsAsNotHealthy()
    {
        var web = Workload("web", 1, Replica(0, "running", "starting"));
        HostHealth.Problem(AllReady, [web]).ShouldNotBeNull().ShouldStartWith("workload web: 0 of 1");
    }

    [Fact]
    public void Problem_OldSpecReplicaRunning_DoesNotCount()
    {
        var web = Workload("web", 1, Replica(0, "running", null) with { Current = false });
        HostHealth.Problem(AllReady, [web]).ShouldNotBeNull().ShouldStartWith("workload web: 0 of 1");
    }

    [Fact]
    public void Problem_NoReplicasYet_GivesTheWorkloadsMessage()
    {
        var web = new WorkloadStatus("web", "localhost/web:1", 1, 0, "pulling localhost/web:1", []);
        HostHealth.Problem(AllReady, [web]).ShouldBe("workload web: 0 of 1 replicas healthy (pulling localhost/web:1)");
    }

    [Fact]
    public void Problem_WorkloadScaledToZero_IsIgnored()
    {
        HostHealth.Problem(AllReady, [Workload("idle", 0)]).ShouldBeNull();
    }

    private static WorkloadStatus Workload(string name, int declared, params ReplicaStatus[] replicas) =>
        new(name, "localhost/web:1", declared, replicas.Count(r => r.State == "running"), null, replicas);

    private static ReplicaStatus Replica(int index, string state, string? health, string? message = null) =>
        new(index, state, "10.88.0.2", 0, null, true, health, message);
}
