using Hull.Workloads;

namespace Hull.HostContainers;

/// <summary>A host or bootstrap container's pod as the runtime reports it (see <see cref="HostContainerPods"/> for the labels).</summary>
/// <remarks><paramref name="ApiSocket"/>: which API socket the container got (see <see cref="IHostContainerRuntime.ApiSocketIdentity"/>).</remarks>
internal sealed record HostPod(string Kind, string Name, string SpecHash, string PodId, bool PodReady, string? ContainerId, ContainerPhase Phase, int? ExitCode, string ApiSocket = "");
