namespace Hull.Workloads;

/// <summary>
/// Compares what is declared with what runs and says what to do next, without doing it: missing
/// replicas are started, surplus and undeclared ones removed, exited containers restarted as their
/// policy says once their back-off has passed, and replicas of an older spec replaced one at a time,
/// only while every other replica of the workload is ready — running, and healthy when it has a health
/// check (a rolling replacement never takes more than one replica down).
/// </summary>
internal static class WorkloadPlanner
{
    /// <summary>The actions that move <paramref name="running"/> towards <paramref name="declared"/>; <paramref name="mayRestart"/> says whether a replica's back-off allows a restart now.</summary>
    public static IReadOnlyList<WorkloadAction> Plan(
        IReadOnlyList<WorkloadSpec> declared, IReadOnlyList<ReplicaState> running, Func<ReplicaState, bool> mayRestart, Func<ReplicaState, bool>? isReady = null)
    {
        isReady ??= r => r.Phase == ContainerPhase.Running;
        var actions = new List<WorkloadAction>();
        var specs = declared.ToDictionary(s => s.Name, StringComparer.Ordinal);

        // Dead pods (a reboot leaves them behind, not ready) go first: their names are needed again.
        actions.AddRange(running.Where(r => !r.PodReady).Select(r => new WorkloadAction.Remove(r)));
        running = [.. running.Where(r => r.PodReady)];

        foreach (var replica in running.OrderBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Index))
        {
            if (!specs.TryGetValue(replica.Workload, out var spec) || replica.Index >= spec.Replicas)
            {
                actions.Add(new WorkloadAction.Remove(replica));
            }
        }

        foreach (var spec in declared)
        {
            var replicas = running.Where(r => r.Workload == spec.Name && r.Index < spec.Replicas).GroupBy(r => r.Index).ToDictionary(g => g.Key, g => g.ToList());
            var replacing = false;
            for (var index = 0; index < spec.Replicas; index++)
            {
                if (!replicas.TryGetValue(index, out var copies))
                {
                    actions.Add(new WorkloadAction.Start(spec, index));
                    continue;
                }

                // Two pods for one index (a crash between start and removal): keep the current one.
                var keep = copies.OrderByDescending(r => r.SpecHash == spec.SpecHash).ThenByDescending(r => r.Phase == ContainerPhase.Running).First();
                actions.AddRange(copies.Where(r => r != keep).Select(r => new WorkloadAction.Remove(r)));

                if (keep.SpecHash != spec.SpecHash)
                {
                    var othersRunning = replicas.Where(kv => kv.Key != index).All(kv => kv.Value.Any(isReady));
                    if (!replacing && (othersRunning || keep.Phase != ContainerPhase.Running))
                    {
                        actions.Add(new WorkloadAction.Replace(spec, keep));
                        replacing = true;
                    }
                }
                else if (NeedsRestart(spec, keep) && mayRestart(keep))
                {
                    actions.Add(new WorkloadAction.Restart(spec, keep));
                }
            }
        }

        return actions;
    }

    private static bool NeedsRestart(WorkloadSpec spec, ReplicaState replica) => replica.Phase switch
    {
        ContainerPhase.Missing or ContainerPhase.Created => true,
        ContainerPhase.Exited => spec.Restart switch
        {
            RestartPolicy.Always => true,
            RestartPolicy.OnFailure => replica.ExitCode != 0,
            _ => false,
        },
        _ => false,
    };
}
