using System.Text.Json.Nodes;
using Hull.Workloads;

namespace Hull.Tests.Workloads;

public sealed class WorkloadPlannerTests
{
    private static WorkloadSpec Web(int replicas = 2, string image = "registry.test/web:1", string restart = "always") =>
        WorkloadSpec.Parse("web", JsonNode.Parse($$"""{"image":"{{image}}","replicas":{{replicas}},"restart-policy":"{{restart}}"}""")!.AsObject());

    private static ReplicaState Replica(WorkloadSpec spec, int index, ContainerPhase phase = ContainerPhase.Running, int? exit = null, string? hash = null) =>
        new(spec.Name, index, hash ?? spec.SpecHash, $"pod-{spec.Name}-{index}-{hash ?? spec.SpecHash}", "10.88.0.2", "c", phase, exit, 0, null);

    private static IReadOnlyList<WorkloadAction> Plan(IReadOnlyList<WorkloadSpec> declared, params ReplicaState[] running) =>
        WorkloadPlanner.Plan(declared, running, _ => true);

    [Fact]
    public void Plan_NothingRunning_StartsEveryReplica()
    {
        var web = Web(replicas: 2);

        Plan([web]).ShouldBe([new WorkloadAction.Start(web, 0), new WorkloadAction.Start(web, 1)]);
    }

    [Fact]
    public void Plan_AllRunningAsDeclared_DoesNothing()
    {
        var web = Web(replicas: 2);

        Plan([web], Replica(web, 0), Replica(web, 1)).ShouldBeEmpty();
    }

    [Fact]
    public void Plan_ScaledDown_RemovesTheHighestIndexes()
    {
        var web = Web(replicas: 1);
        var one = Replica(web, 1);
        var two = Replica(web, 2);

        Plan([web], Replica(web, 0), one, two).ShouldBe([new WorkloadAction.Remove(one), new WorkloadAction.Remove(two)]);
    }

    [Fact]
    public void Plan_ScaledUp_KeepsRunningReplicasAndStartsTheNewOnes()
    {
        var before = Web(replicas: 1);
        var after = Web(replicas: 3);

        // The replica count is not part of the spec hash: scaling never replaces what runs.
        after.SpecHash.ShouldBe(before.SpecHash);
        Plan([after], Replica(before, 0)).ShouldBe([new WorkloadAction.Start(after, 1), new WorkloadAction.Start(after, 2)]);
    }

    [Fact]
    public void Plan_WorkloadNoLongerDeclared_RemovesAllItsReplicas()
    {
        var web = Web(replicas: 2);
        var zero = Replica(web, 0);
        var one = Replica(web, 1);

        Plan([], zero, one).ShouldBe([new WorkloadAction.Remove(zero), new WorkloadAction.Remove(one)]);
    }

    [Fact]
    public void Plan_ImageChanged_ReplacesOneReplicaAtATime()
    {
        var old = Web(replicas: 3, image: "registry.test/web:1");
        var current = Web(replicas: 3, image: "registry.test/web:2");
        current.SpecHash.ShouldNotBe(old.SpecHash);

        var first = Plan([current], Replica(old, 0), Replica(old, 1), Replica(old, 2));
        var second = Plan([current], Replica(current, 0), Replica(old, 1), Replica(old, 2));
        var whileOneIsDown = Plan([current], Replica(current, 0, ContainerPhase.Created), Replica(old, 1), Replica(old, 2));

        first.ShouldBe([new WorkloadAction.Replace(current, Replica(old, 0))]);
        second.ShouldBe([new WorkloadAction.Replace(current, Replica(old, 1))]);
        whileOneIsDown.ShouldBe([new WorkloadAction.Restart(current, Replica(current, 0, ContainerPhase.Created))]);
    }

    [Fact]
    public void Plan_OldReplicaNotRunning_IsReplacedEvenWhileAnotherIsDown()
    {
        var old = Web(replicas: 2, image: "registry.test/web:1");
        var current = Web(replicas: 2, image: "registry.test/web:2");
        var crashed = Replica(old, 1, ContainerPhase.Exited, exit: 1);

        Plan([current], Replica(current, 0, ContainerPhase.Exited, exit: 1), crashed)
            .ShouldContain(new WorkloadAction.Replace(current, crashed));
    }

    [Theory]
    [InlineData("always", 0, true)]
    [InlineData("always", 1, true)]
    [InlineData("on-failure", 0, false)]
    [InlineData("on-failure", 137, true)]
    [InlineData("never", 1, false)]
    public void Plan_ContainerExited_RestartsAsThePolicySays(string policy, int exitCode, bool restarts)
    {
        var web = Web(replicas: 1, restart: policy);
        var exited = Replica(web, 0, ContainerPhase.Exited, exit: exitCode);

        var actions = Plan([web], exited);

        if (restarts)
        {
            actions.ShouldBe([new WorkloadAction.Restart(web, exited)]);
        }
        else
        {
            actions.ShouldBeEmpty();
        }
    }

    [Fact]
    public void Plan_BackOffNotOver_WaitsWithTheRestart()
    {
        var web = Web(replicas: 1);
        var exited = Replica(web, 0, ContainerPhase.Exited, exit: 1);

        WorkloadPlanner.Plan([web], [exited], _ => false).ShouldBeEmpty();
    }

    [Fact]
    public void Plan_DeadPodFromBeforeAReboot_IsRemovedFirstAndTheReplicaStartedAgain()
    {
        var web = Web(replicas: 1);
        var dead = Replica(web, 0, ContainerPhase.Unknown) with { PodReady = false };

        Plan([web], dead).ShouldBe([new WorkloadAction.Remove(dead), new WorkloadAction.Start(web, 0)]);
    }

    [Fact]
    public void Plan_TwoPodsForOneIndex_KeepsTheCurrentRunningOne()
    {
        var old = Web(replicas: 1, image: "registry.test/web:1");
        var current = Web(replicas: 1, image: "registry.test/web:2");
        var stale = Replica(old, 0);

        Plan([current], stale, Replica(current, 0)).ShouldBe([new WorkloadAction.Remove(stale)]);
    }

    [Fact]
    public void Parse_SameSettingsInAnotherOrder_GiveTheSameSpecHash()
    {
        var a = WorkloadSpec.Parse("w", JsonNode.Parse("""{"image":"x","env":{"A":"1","B":"2"},"ports":[{"container-port":80,"host-port":8080}]}""")!.AsObject());
        var b = WorkloadSpec.Parse("w", JsonNode.Parse("""{"ports":[{"host-port":8080,"container-port":80}],"env":{"B":"2","A":"1"},"image":"x"}""")!.AsObject());

        b.SpecHash.ShouldBe(a.SpecHash);
        a.Ports.ShouldBe([new PortMapping(80, 8080, "tcp")]);
        a.Replicas.ShouldBe(1);
        a.Restart.ShouldBe(RestartPolicy.Always);
    }

    [Fact]
    public void Parse_UserNamespace_OffByDefaultAndTurningItOnReplacesTheReplicas()
    {
        var plain = WorkloadSpec.Parse("w", JsonNode.Parse("""{"image":"x"}""")!.AsObject());
        var userns = WorkloadSpec.Parse("w", JsonNode.Parse("""{"image":"x","user-namespace":true}""")!.AsObject());

        plain.UserNamespace.ShouldBeFalse();
        userns.UserNamespace.ShouldBeTrue();
        userns.SpecHash.ShouldNotBe(plain.SpecHash);
    }
}
