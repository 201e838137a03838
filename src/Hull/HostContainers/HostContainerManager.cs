using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Platform;
using Hull.Workloads;

namespace Hull.HostContainers;

/// <summary>
/// Keeps the host containers as <c>settings.host-containers</c> declares them: an enabled one runs (started, or
/// restarted when it exits or fails to start, with the workloads' back-off: 1 s doubling to a minute), a disabled or undeclared one is removed, a changed one (source,
/// superpowered, user data) is replaced, and so is one started before the apiserver last made its socket (the socket is
/// mounted as a file, so it would keep the old one). Each pass publishes the state for GET /host-containers.
/// </summary>
internal sealed class HostContainerManager(IHostContainerRuntime runtime, string statusFile, TimeProvider time, TextWriter log)
{
    /// <summary>The pod kind of host containers.</summary>
    public const string Kind = "host";

    private readonly RestartBackoff _backoff = new(time);
    private readonly Dictionary<string, string> _messages = new(StringComparer.Ordinal);

    /// <summary>One pass over <paramref name="settings"/> (the whole settings tree); returns the state it published.</summary>
    public async Task<IReadOnlyList<HostContainerStatus>> PassAsync(JsonObject settings, CancellationToken cancellationToken)
    {
        var specs = HostContainerSpec.ParseAll(settings["host-containers"] as JsonObject);
        var credentials = settings["container-registry"]?["credentials"] as JsonArray;
        var pods = (await runtime.ListAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.Kind == Kind).ToList();
        var apiSocket = runtime.ApiSocketIdentity();
        var kept = new HashSet<string>(StringComparer.Ordinal);

        foreach (var pod in pods)
        {
            var spec = specs.FirstOrDefault(s => s.Name == pod.Name);
            var keep = spec is { Enabled: true } && spec.SpecHash == pod.SpecHash && pod.ApiSocket == apiSocket && pod.PodReady && pod.Phase is ContainerPhase.Running or ContainerPhase.Created;
            if (keep)
            {
                kept.Add(pod.Name);
                if (pod.Phase == ContainerPhase.Running)
                {
                    _backoff.Healthy(pod.Name);
                }
            }

            if (!keep)
            {
                if (spec is { Enabled: true } && pod.Phase == ContainerPhase.Exited)
                {
                    _backoff.Tried(pod.Name);
                    _messages[pod.Name] = $"exited with code {pod.ExitCode}; restarting";
                    await log.WriteLineAsync($"host-containers: {pod.Name} exited with code {pod.ExitCode}; restarting it").ConfigureAwait(false);
                }

                await runtime.RemoveAsync(pod, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var spec in specs.Where(s => s.Enabled && !kept.Contains(s.Name)))
        {
            await StartAsync(spec, credentials, cancellationToken).ConfigureAwait(false);
        }

        var now = (await runtime.ListAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.Kind == Kind).ToList();
        var status = specs.Select(s => Status(s, now.FirstOrDefault(p => p.Name == s.Name))).ToList();
        StatusFile.Write(statusFile, JsonSerializer.Serialize(status, ApiJsonContext.Default.ListHostContainerStatus));
        return status;
    }

    private async Task StartAsync(HostContainerSpec spec, JsonArray? credentials, CancellationToken cancellationToken)
    {
        if (!_backoff.MayTry(spec.Name))
        {
            return;
        }

        try
        {
            await runtime.EnsureImageAsync(spec.Source, RegistryCredentials.For(spec.Source, credentials), cancellationToken).ConfigureAwait(false);
            await runtime.StartAsync(Kind, spec.Name, spec.Source, spec.Superpowered, spec.UserData, spec.SpecHash, cancellationToken).ConfigureAwait(false);
            _messages.Remove(spec.Name);
            await log.WriteLineAsync($"host-containers: started {spec.Name} ({spec.Source}{(spec.Superpowered ? ", superpowered" : "")})").ConfigureAwait(false);
        }
        catch (Exception e) when (HostContainerRuntimeErrors.Expected(e))
        {
            _backoff.Tried(spec.Name);
            _messages[spec.Name] = $"cannot start: {e.Message}";
            await log.WriteLineAsync($"host-containers: cannot start {spec.Name}: {e.Message}").ConfigureAwait(false);
        }
    }

    private HostContainerStatus Status(HostContainerSpec spec, HostPod? pod)
    {
        var state = (spec.Enabled, pod?.Phase) switch
        {
            (false, _) => "stopped",
            (true, ContainerPhase.Running) => "running",
            (true, _) when _messages.ContainsKey(spec.Name) => "failed",
            _ => "starting",
        };
        return new HostContainerStatus(spec.Name, spec.Source, spec.Enabled, spec.Superpowered, state, state == "running" ? null : _messages.GetValueOrDefault(spec.Name));
    }
}
