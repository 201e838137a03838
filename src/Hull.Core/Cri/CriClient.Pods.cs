using Hull.Cri.V1;

namespace Hull.Cri;

internal sealed partial class CriClient
{
    /// <summary>Creates and starts a pod sandbox; returns its id.</summary>
    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler, CancellationToken cancellationToken)
    {
        var request = new RunPodSandboxRequest { Config = config, RuntimeHandler = runtimeHandler };
        var response = await CallAsync("RunPodSandbox", Pod(config), o => _runtime.RunPodSandboxAsync(request, o), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        return response.PodSandboxId;
    }

    /// <summary>Stops every container of the pod and its sandbox; the pod stays listed until removed.</summary>
    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) =>
        CallAsync("StopPodSandbox", Pod(podSandboxId), o => _runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = podSandboxId }, o), _options.CallTimeout, cancellationToken);

    /// <summary>Removes the pod and its containers (stopping them first if needed).</summary>
    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) =>
        CallAsync("RemovePodSandbox", Pod(podSandboxId), o => _runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = podSandboxId }, o), _options.CallTimeout, cancellationToken);

    /// <summary>The pod's state, or null when the runtime has no such pod.</summary>
    public async Task<PodSandboxStatus?> PodSandboxStatusAsync(string podSandboxId, CancellationToken cancellationToken)
    {
        var request = new PodSandboxStatusRequest { PodSandboxId = podSandboxId };
        var response = await CallOrNullAsync("PodSandboxStatus", Pod(podSandboxId), o => _runtime.PodSandboxStatusAsync(request, o), cancellationToken).ConfigureAwait(false);
        return response?.Status;
    }

    /// <summary>The pods matching <paramref name="filter"/> (all of them when null).</summary>
    public async Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListPodSandboxRequest { Filter = filter };
        var response = await CallAsync("ListPodSandbox", "pods", o => _runtime.ListPodSandboxAsync(request, o), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        return response.Items;
    }
}
