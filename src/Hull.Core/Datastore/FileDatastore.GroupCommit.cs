namespace Hull.Datastore;

internal sealed partial class FileDatastore
{
    private readonly Lock _queueGate = new();
    private List<QueuedWrite> _queue = [];
    private TaskCompletionSource? _writerDone;
    private bool _disposed;

    // After a journal write fails, what is on disk is unknown: answer nothing more rather than guess. The
    // apiserver exits on the error, and the next open recovers from whatever reached the disk.
    private Exception? _broken;

    /// <summary>The failure that stopped the store taking writes, if one did (reopen it to recover).</summary>
    public Exception? Failure => _broken;

    // Runs `operation` in the next batch; returns its result once its change is on disk.
    private async Task<T> WriteAsync<T>(Func<DatastoreState, (T Result, DatastoreChange? Change)> operation)
    {
        T result = default!;
        await EnqueueAsync(new QueuedWrite(state =>
        {
            var (value, change) = operation(state);
            result = value;
            return change;
        })).ConfigureAwait(false);
        return result;
    }

    /// <summary>Checkpoints now, in the writer's turn: rewrites the stale snapshot files and empties the journal.</summary>
    internal Task CheckpointNowAsync() => EnqueueAsync(new QueuedWrite(null));

    private Task EnqueueAsync(QueuedWrite write)
    {
        bool lead;
        lock (_queueGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.Add(write);
            lead = _writerDone is null;
            if (lead)
            {
                _writerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (lead)
        {
            // The first writer to arrive runs the batches, its own included, until the queue is empty.
            _ = WriteBatchesAsync();
        }

        return write.Done.Task;
    }

    private async Task WriteBatchesAsync()
    {
        while (true)
        {
            List<QueuedWrite> batch;
            TaskCompletionSource? done = null;
            lock (_queueGate)
            {
                batch = _queue;
                _queue = [];
                if (batch.Count == 0)
                {
                    done = _writerDone;
                    _writerDone = null;
                }
            }

            if (done is not null)
            {
                done.SetResult();
                return;
            }

            await WriteBatchAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task WriteBatchAsync(List<QueuedWrite> batch)
    {
        if (_broken is { } broken)
        {
            Fail(batch, new IOException($"the datastore stopped taking writes after one failed: {broken.Message}", broken));
            return;
        }

        // Each write sees the ones before it in the batch; one that is refused changes nothing.
        var working = _state.Clone();
        var changes = new List<DatastoreChange>();
        var writes = new List<QueuedWrite>();
        var checkpoints = new List<QueuedWrite>();
        foreach (var write in batch)
        {
            if (write.Run is not { } run)
            {
                checkpoints.Add(write);
                continue;
            }

            try
            {
                if (run(working) is { IsEmpty: false } change)
                {
                    changes.Add(change);
                }

                writes.Add(write);
            }
            catch (Exception e)
            {
                // The operations check everything before they change the state, so `working` is intact.
                write.Done.SetException(e);
            }
        }

        try
        {
            if (changes.Count > 0)
            {
                var records = Journal.Frame([.. changes.Select(JournalRecord.Write)]);
                await _files.AppendAndSyncAsync(DatastoreFiles.Journal, records, CancellationToken.None).ConfigureAwait(false);
                _journalLength += records.Length;
                changes.ForEach(_dirty.Add);
            }
        }
        catch (Exception e)
        {
            _broken = e;
            Fail([.. writes, .. checkpoints], e);
            return;
        }

        // Durable: publish, answer, and only then checkpoint, so the answers do not wait for it.
        _state = working;
        writes.ForEach(w => w.Done.SetResult());
        if (checkpoints.Count > 0 || _journalLength >= _checkpointBytes)
        {
            try
            {
                await CheckpointAsync(working).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _broken = e;
                Fail(checkpoints, e);
                return;
            }
        }

        checkpoints.ForEach(c => c.Done.SetResult());
    }

    // Refuses new writes and waits for the writer to finish what is queued; false if it was already stopped.
    private async Task<bool> StopWriterAsync()
    {
        Task? writer;
        lock (_queueGate)
        {
            if (_disposed)
            {
                return false;
            }

            _disposed = true;
            writer = _writerDone?.Task;
        }

        if (writer is not null)
        {
            await writer.ConfigureAwait(false);
        }

        return true;
    }

    private static void Fail(IEnumerable<QueuedWrite> writes, Exception e)
    {
        foreach (var write in writes)
        {
            write.Done.TrySetException(e);
        }
    }
}
