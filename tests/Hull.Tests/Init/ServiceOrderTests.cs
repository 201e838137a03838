using Hull.Init;

namespace Hull.Tests.Init;

/// <summary>The order restarts go in, over the host's own service definitions.</summary>
public sealed class ServiceOrderTests
{
    [Fact]
    public void Sort_HostServicesInAnyOrder_DependenciesFirstOnceEach()
    {
        ServiceOrder.Sort(Services.Definitions(), ["workloads", "containerd", "workloads", "timesync", "apiserver"])
            .ShouldBe(["apiserver", "timesync", "containerd", "workloads"]);
    }

    [Fact]
    public void Sort_DependentAlone_DependencyNotAdded()
    {
        ServiceOrder.Sort(Services.Definitions(), ["workloads"]).ShouldBe(["workloads"]);
    }

    [Fact]
    public void Sort_DefinitionsOutOfOrder_StillDependenciesFirst()
    {
        ServiceDefinition Service(string name, params string[] dependsOn) => new(name, "/bin/true", [], () => true, dependsOn);

        ServiceOrder.Sort([Service("c", "b"), Service("b", "a"), Service("a")], ["c", "a", "b", "unknown"]).ShouldBe(["a", "b", "c", "unknown"]);
    }
}
