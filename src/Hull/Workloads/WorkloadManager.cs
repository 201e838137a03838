using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Cri;

namespace Hull.Workloads;

/// <summary>
/// The reconciler: every pass reads <c>settings.workloads</c> and the registry credentials, lists the
/// replicas the runtime has, asks <see cref="WorkloadPlanner"/> what to do, does it, and publishes
/// the state of every workload. A failure (an image that cannot be pulled, a container that will not
/// start) is reported on that workload and retried with back-off; it never stops the others.
/// </summary>
internal sealed class WorkloadManager(
    IWorkloadRuntime runtime, Func<CancellationToken, Task<JsonObject>> readSettings, string statusFile, TimeProvider time, TextWriter log, TimeSpan? pullWait = null)
    : IDisposable
{
    private readonly RestartBackoff _backoff = new(time);
    private readonly HealthTracker _health = new(time);
    private readonly HealthProber _prober = new(runtime);
    private readonly Dictionary<string, string> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _pulls = new(StringComparer.Ordinal);

    // How long a pass waits for a pull before it goes on without it.
    private readonly TimeSpan _pullWait = pullWait ?? TimeSpan.FromSeconds(5);

    /// <summary>One reconcile pass; returns the state it published.</summary>
    public async Task<IReadOnlyList<WorkloadStatus>> PassAsync(CancellationToken cancellationToken)
    {
        var settings = await readSettings(cancellationToken).ConfigureAwait(false);
        var specs = WorkloadSpec.ParseAll(settings["workloads"] as JsonObject);
        var credentials = settings["container-registry"]?["credentials"] as JsonArray;
        var replicas = await runtime.ListReplicasAsync(cancellationToken).ConfigureAwait(false);
        foreach (var replica in replicas.Where(r => r.Phase == ContainerPhase.Running))
        {
            _backoff.Healthy(RestartBackoff.Replica(replica.Workload, replica.Index));
        }

        foreach (var name in _messages.Keys.Where(n => specs.All(s => s.Name != n)).ToList())
        {
            _messages.Remove(name);
        }

        var pulled = new Dictionary<string, bool>(StringComparer.Ordinal);
        var plan = WorkloadPlanner.Plan(specs, replicas, r => _backoff.MayTry(RestartBackoff.Replica(r.Workload, r.Index)), r => IsReady(specs, r));
        foreach (var action in plan)
        {
            if (action is WorkloadAction.Start or WorkloadAction.Replace or WorkloadAction.Restart
                && !await PullAsync(specs.Single(s => s.Name == action.Workload), credentials, pulled, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await RunAsync(action, cancellationToken).ConfigureAwait(false);
        }

        var current = await runtime.ListReplicasAsync(cancellationToken).ConfigureAwait(false);
        await CheckHealthAsync(specs, current, cancellationToken).ConfigureAwait(false);
        var status = Status(specs, current);
        Publish(status);
        return status;
    }

    /// <summary>
    /// Reconciles every <paramref name="interval"/> (or as soon as <paramref name="wake"/> fires) until cancelled; a failed
    /// pass is logged and the next one tries again.
    /// </summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken, Platform.FileSignal? wake = null)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CriException or HttpRequestException or IOException or JsonException)
            {
                await log.WriteLineAsync($"workloads: pass failed: {e.Message}").ConfigureAwait(false);
            }

            try
            {
                await (wake is null ? Task.Delay(interval, time, cancellationToken) : wake.WaitAsync(interval, cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose() => _prober.Dispose();

    private bool IsReady(IReadOnlyList<WorkloadSpec> specs, ReplicaState replica) =>
        replica.Phase == ContainerPhase.Running
        && (specs.FirstOrDefault(s => s.Name == replica.Workload)?.Health is null || _health.Of(replica.ContainerId)?.State == "healthy");

    // Probes the running replicas whose check is due, side by side; a replica that failed its check too often in a
    // row is restarted (with the same back-off as a crash).
    private async Task CheckHealthAsync(IReadOnlyList<WorkloadSpec> specs, IReadOnlyList<ReplicaState> replicas, CancellationToken cancellationToken)
    {
        _health.Keep(replicas.Where(r => r.ContainerId is not null).Select(r => r.ContainerId!).ToHashSet(StringComparer.Ordinal));
        var due = replicas
            .Select(r => (Replica: r, Spec: specs.FirstOrDefault(s => s.Name == r.Workload && s.SpecHash == r.SpecHash)))
            .Where(x => x.Spec?.Health is not null && x.Replica.Phase == ContainerPhase.Running && x.Replica.ContainerId is not null && _health.IsDue(x.Replica.ContainerId, x.Spec.Health))
            .ToList();
        var outcomes = await Task.WhenAll(due.Select(async x => (x.Replica, x.Spec!, Failure: await _prober.ProbeAsync(x.Spec!.Health!, x.Replica, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        foreach (var (replica, spec, failure) in outcomes)
        {
            if (_health.Record(replica.ContainerId!, spec.Health!, failure))
            {
                await log.WriteLineAsync($"workloads: {replica.Workload}-{replica.Index} failed its health check {spec.Health!.Retries} times ({failure}); restarting it").ConfigureAwait(false);
                await RunAsync(new WorkloadAction.Restart(spec, replica), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Once per workload and pass. A pull runs in the background so a slow or stuck registry holds up only
    // its own workloads; the pass waits a little for it, then goes on and picks the result up later. A
    // failure is the workload's message until a pull succeeds.
    private async Task<bool> PullAsync(WorkloadSpec spec, JsonArray? credentials, Dictionary<string, bool> pulled, CancellationToken cancellationToken)
    {
        if (pulled.TryGetValue(spec.Name, out var done))
        {
            return done;
        }

        var key = RestartBackoff.Pull(spec.Name);
        if (!_pulls.TryGetValue(spec.Image, out var pull))
        {
            if (!_backoff.MayTry(key))
            {
                return pulled[spec.Name] = false;
            }

            pull = Task.Run(() => runtime.EnsureImageAsync(spec.Image, RegistryCredentials.For(spec.Image, credentials), cancellationToken), cancellationToken);
            _pulls[spec.Image] = pull;
        }

        await Task.WhenAny(pull, Task.Delay(_pullWait, cancellationToken)).ConfigureAwait(false);
        if (!pull.IsCompleted)
        {
            _messages[spec.Name] = $"pulling {spec.Image}";
            return pulled[spec.Name] = false;
        }

        _pulls.Remove(spec.Image);
        if (pull.Exception?.InnerException is CriException e)
        {
            _backoff.Tried(key);
            Report(spec.Name, PullFailure.Message(spec.Image, e.Message));
            return pulled[spec.Name] = false;
        }

        await pull.ConfigureAwait(false); // anything but a CRI refusal is the pass's failure
        _messages.Remove(spec.Name);
        return pulled[spec.Name] = true;
    }

    private async Task RunAsync(WorkloadAction action, CancellationToken cancellationToken)
    {
        try
        {
            switch (action)
            {
                case WorkloadAction.Start start:
                    await log.WriteLineAsync($"workloads: starting {start.Workload}-{start.Index}").ConfigureAwait(false);
                    await runtime.StartReplicaAsync(start.Spec, start.Index, cancellationToken).ConfigureAwait(false);
                    break;
                case WorkloadAction.Remove remove:
                    await log.WriteLineAsync($"workloads: removing {remove.Workload}-{remove.Index}").ConfigureAwait(false);
                    await runtime.RemoveReplicaAsync(remove.Replica, cancellationToken).ConfigureAwait(false);
                    break;
                case WorkloadAction.Restart restart:
                    _backoff.Tried(RestartBackoff.Replica(restart.Workload, restart.Index));
                    await log.WriteLineAsync($"workloads: restarting {restart.Workload}-{restart.Index} ({restart.Replica.Phase}, exit code {restart.Replica.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})").ConfigureAwait(false);
                    await runtime.RestartContainerAsync(restart.Spec, restart.Replica, cancellationToken).ConfigureAwait(false);
                    break;
                case WorkloadAction.Replace replace:
                    await log.WriteLineAsync($"workloads: replacing {replace.Workload}-{replace.Index} with spec {replace.Spec.SpecHash}").ConfigureAwait(false);
                    await runtime.RemoveReplicaAsync(replace.Replica, cancellationToken).ConfigureAwait(false);
                    await runtime.StartReplicaAsync(replace.Spec, replace.Index, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (CriException e)
        {
            _backoff.Tried(RestartBackoff.Replica(action.Workload, action.Index));
            Report(action.Workload, $"replica {action.Index}: {e.Message}");
        }
    }

    private void Report(string workload, string message)
    {
        _messages[workload] = message;
        log.WriteLine($"workloads: {workload}: {message}");
    }

    private List<WorkloadStatus> Status(IReadOnlyList<WorkloadSpec> specs, IReadOnlyList<ReplicaState> replicas)
    {
        var names = specs.Select(s => s.Name).Concat(replicas.Select(r => r.Workload)).Distinct().Order(StringComparer.Ordinal);
        return [.. names.Select(name =>
        {
            var spec = specs.FirstOrDefault(s => s.Name == name);
            var mine = replicas.Where(r => r.Workload == name).OrderBy(r => r.Index).ToList();
            return new WorkloadStatus(
                name,
                spec?.Image,
                spec?.Replicas ?? 0,
                mine.Count(r => r.Phase == ContainerPhase.Running && r.SpecHash == spec?.SpecHash),
                _messages.GetValueOrDefault(name),
                [.. mine.Select(r => new ReplicaStatus(
                    r.Index, r.Phase.ToString().ToLowerInvariant(), r.PodIp, r.Restarts, r.ExitCode, r.SpecHash == spec?.SpecHash,
                    spec?.Health is null || r.Phase != ContainerPhase.Running ? null : _health.Of(r.ContainerId)?.State ?? "starting",
                    spec?.Health is null ? null : _health.Of(r.ContainerId)?.Message))]);
        })];
    }

    private void Publish(List<WorkloadStatus> status)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(statusFile)!);
        var temp = statusFile + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(status, ApiJsonContext.Default.ListWorkloadStatus));
        File.Move(temp, statusFile, overwrite: true);
    }
}
