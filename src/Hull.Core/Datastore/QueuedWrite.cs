namespace Hull.Datastore;

/// <summary>
/// One write waiting for the group commit: what it does to the batch's state (returning the change to
/// journal), or a request to checkpoint; <see cref="Done"/> completes once it is durable.
/// </summary>
internal sealed class QueuedWrite(Func<DatastoreState, DatastoreChange?>? run)
{
    /// <summary>Runs against the batch's working state; null for a checkpoint request.</summary>
    public Func<DatastoreState, DatastoreChange?>? Run => run;

    /// <summary>Completes when the write is on disk (or failed).</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
