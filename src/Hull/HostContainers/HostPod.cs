using Hull.Workloads;

namespace Hull.HostContainers;

/// <summary>A host or bootstrap container's pod as the runtime reports it (see <see cref="HostContainerPods"/> for the labels).</summary>
internal sealed record HostPod(string Kind, string Name, string SpecHash, string PodId, bool PodReady, string? ContainerId, ContainerPhase Phase, int? ExitCode);
