using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Platform;
using Hull.Workloads;

namespace Hull.HostContainers;

/// <summary>
/// Runs the bootstrap containers once per boot, before host containers and workloads: each whose mode is not off, in
/// the order of their names, to completion. A "once" container that succeeded has its mode set to off (so it does
/// not run again). A failed essential one stops the run: <see cref="RunAsync"/> returns false and the host never
/// reaches ready; GET /bootstrap-containers says which one and why. A failed non-essential one is reported and the
/// boot goes on. Pods left from an earlier boot are removed first.
/// </summary>
internal sealed class BootstrapRunner(
    IHostContainerRuntime runtime, Func<string, CancellationToken, Task> turnOff, string statusFile, TimeProvider time, TextWriter log, TextWriter console)
{
    /// <summary>The pod kind of bootstrap containers.</summary>
    public const string Kind = "bootstrap";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs them all; false when an essential one failed.</summary>
    public async Task<bool> RunAsync(JsonObject settings, CancellationToken cancellationToken)
    {
        var specs = BootstrapContainerSpec.ParseAll(settings["bootstrap-containers"] as JsonObject);
        var credentials = settings["container-registry"]?["credentials"] as JsonArray;
        foreach (var leftover in (await runtime.ListAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.Kind == Kind))
        {
            await runtime.RemoveAsync(leftover, cancellationToken).ConfigureAwait(false);
        }

        var status = specs.Select(s => new BootstrapContainerStatus(s.Name, s.Mode, s.Essential, s.Mode == "off" ? "skipped" : "pending", null, null)).ToList();
        Publish(status);
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            if (spec.Mode == "off")
            {
                continue;
            }

            status[i] = status[i] with { State = "running" };
            Publish(status);
            var (exitCode, message) = await RunOneAsync(spec, credentials, cancellationToken).ConfigureAwait(false);
            var succeeded = exitCode == 0;
            status[i] = status[i] with { State = succeeded ? "succeeded" : "failed", ExitCode = exitCode, Message = message };
            Publish(status);
            await log.WriteLineAsync($"bootstrap-containers: {spec.Name} {status[i].State}{(message is null ? "" : $": {message}")}").ConfigureAwait(false);
            if (succeeded && spec.Mode == "once")
            {
                await turnOff(spec.Name, cancellationToken).ConfigureAwait(false);
            }

            if (!succeeded && spec.Essential)
            {
                await console.WriteLineAsync($"hull: essential bootstrap container {spec.Name} failed ({message}); the host will not start host containers or workloads").ConfigureAwait(false);
                return false;
            }
        }

        return true;
    }

    private async Task<(int? ExitCode, string? Message)> RunOneAsync(BootstrapContainerSpec spec, JsonArray? credentials, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.EnsureImageAsync(spec.Source, RegistryCredentials.For(spec.Source, credentials), cancellationToken).ConfigureAwait(false);
            await runtime.StartAsync(Kind, spec.Name, spec.Source, privileged: true, spec.UserData, HostContainerSpec.Hash(spec.Source, true, spec.UserData), cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var pod = (await runtime.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Kind == Kind && p.Name == spec.Name);
                if (pod is null || pod.Phase is ContainerPhase.Exited or ContainerPhase.Missing or ContainerPhase.Unknown)
                {
                    if (pod is not null)
                    {
                        await runtime.RemoveAsync(pod, cancellationToken).ConfigureAwait(false);
                    }

                    return pod?.ExitCode is { } code
                        ? (code, code == 0 ? null : $"exited with code {code}")
                        : (null, "the container is gone without an exit code");
                }

                await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (HostContainerRuntimeErrors.Expected(e))
        {
            return (null, $"cannot run {spec.Source}: {e.Message}");
        }
    }

    private void Publish(List<BootstrapContainerStatus> status) =>
        StatusFile.Write(statusFile, JsonSerializer.Serialize(status, ApiJsonContext.Default.ListBootstrapContainerStatus));
}
