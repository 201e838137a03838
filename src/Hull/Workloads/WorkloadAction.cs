namespace Hull.Workloads;

/// <summary>One step the planner asks for; the manager carries them out in order.</summary>
internal abstract record WorkloadAction(string Workload, int Index)
{
    /// <summary>Create replica <see cref="WorkloadAction.Index"/> of <see cref="Spec"/>: pod, container, start.</summary>
    public sealed record Start(WorkloadSpec Spec, int Index) : WorkloadAction(Spec.Name, Index);

    /// <summary>Stop and remove a replica that is not (or no longer) declared.</summary>
    public sealed record Remove(ReplicaState Replica) : WorkloadAction(Replica.Workload, Replica.Index);

    /// <summary>Replace a replica's exited container with a new one in the same pod.</summary>
    public sealed record Restart(WorkloadSpec Spec, ReplicaState Replica) : WorkloadAction(Spec.Name, Replica.Index);

    /// <summary>Remove a replica made from an older spec and start it again from the current one.</summary>
    public sealed record Replace(WorkloadSpec Spec, ReplicaState Replica) : WorkloadAction(Spec.Name, Replica.Index);
}
