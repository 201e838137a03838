using Google.Protobuf.Collections;
using Hull.Cri.V1;

namespace Hull.Cri;

internal sealed partial class CriClient
{
    /// <summary>Creates a container in a running pod (not started); returns its id.</summary>
    /// <param name="podSandboxId">The pod, from <see cref="RunPodSandboxAsync"/>.</param>
    /// <param name="config">The container.</param>
    /// <param name="sandboxConfig">The config the pod was run with: the runtime takes its log folder and namespaces from it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken)
    {
        var request = new CreateContainerRequest { PodSandboxId = podSandboxId, Config = config, SandboxConfig = sandboxConfig };
        var subject = $"container {config.Metadata?.Name} in {Pod(podSandboxId)}";
        var response = await CallAsync("CreateContainer", subject, o => _runtime.CreateContainerAsync(request, o), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        return response.ContainerId;
    }

    /// <summary>Starts a created container.</summary>
    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) =>
        CallAsync("StartContainer", Container(containerId), o => _runtime.StartContainerAsync(new StartContainerRequest { ContainerId = containerId }, o), _options.CallTimeout, cancellationToken);

    /// <summary>Sends the stop signal, then SIGKILL after <paramref name="grace"/>; the call's deadline allows for that wait.</summary>
    public Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var request = new StopContainerRequest { ContainerId = containerId, Timeout = (long)Math.Ceiling(grace.TotalSeconds) };
        return CallAsync("StopContainer", Container(containerId), o => _runtime.StopContainerAsync(request, o), _options.CallTimeout + grace, cancellationToken);
    }

    /// <summary>Removes a container (killing it first if it still runs).</summary>
    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) =>
        CallAsync("RemoveContainer", Container(containerId), o => _runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = containerId }, o), _options.CallTimeout, cancellationToken);

    /// <summary>The containers matching <paramref name="filter"/> (all of them when null).</summary>
    public async Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListContainersRequest { Filter = filter };
        var response = await CallAsync("ListContainers", "containers", o => _runtime.ListContainersAsync(request, o), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        return response.Containers;
    }

    /// <summary>The container's state, exit code and log path, or null when the runtime has no such container.</summary>
    public async Task<ContainerStatus?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken)
    {
        var request = new ContainerStatusRequest { ContainerId = containerId };
        var response = await CallOrNullAsync("ContainerStatus", Container(containerId), o => _runtime.ContainerStatusAsync(request, o), cancellationToken).ConfigureAwait(false);
        return response?.Status;
    }

    /// <summary>The status plus containerd's details in <c>Info["info"]</c> (JSON: the OCI runtime spec, pid, snapshot), or null when there is no such container.</summary>
    public Task<ContainerStatusResponse?> ContainerStatusVerboseAsync(string containerId, CancellationToken cancellationToken)
    {
        var request = new ContainerStatusRequest { ContainerId = containerId, Verbose = true };
        return CallOrNullAsync("ContainerStatus", Container(containerId), o => _runtime.ContainerStatusAsync(request, o), cancellationToken);
    }

    /// <summary>Runs <paramref name="command"/> in a running container and waits for it; a non-zero exit is in the answer, not an exception.</summary>
    /// <param name="containerId">The container.</param>
    /// <param name="command">The program and its arguments.</param>
    /// <param name="timeout">How long the command may run (whole seconds; containerd kills it after that).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IEnumerable<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = (long)Math.Ceiling(timeout.TotalSeconds) };
        request.Cmd.Add(command);
        var subject = $"{Container(containerId)} ({Shown(request.Cmd)})";
        return CallAsync("ExecSync", subject, o => _runtime.ExecSyncAsync(request, o), _options.CallTimeout + timeout, cancellationToken);
    }

    /// <summary>
    /// Prepares a streaming exec of <paramref name="command"/> and returns the URL of containerd's streaming server
    /// where its stdio is served (see <see cref="Hull.Exec.ExecSession"/>); the process starts when that URL is connected.
    /// </summary>
    /// <param name="containerId">The container.</param>
    /// <param name="command">The program and its arguments.</param>
    /// <param name="tty">Give the process a terminal (its stderr then goes to stdout). A terminal always comes with stdin:
    /// containerd 1.6 sends no output at all for a terminal without one (seen in tests).</param>
    /// <param name="stdin">Attach the process's stdin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Uri> ExecAsync(string containerId, IEnumerable<string> command, bool tty, bool stdin, CancellationToken cancellationToken)
    {
        var request = new ExecRequest { ContainerId = containerId, Tty = tty, Stdin = stdin || tty, Stdout = true, Stderr = !tty };
        request.Cmd.Add(command);
        var subject = $"{Container(containerId)} ({Shown(request.Cmd)})";
        var response = await CallAsync("Exec", subject, o => _runtime.ExecAsync(request, o), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        return new Uri(response.Url);
    }

    private static string Shown(RepeatedField<string> command) => string.Join(' ', command);
}
